"""Replaces the text between `<!-- NAME:begin -->` and `<!-- NAME:end -->` in a Markdown file: where the
table generators write what they render from a JSON, so that docs tables are never typed by hand."""
import re


def replace_between(path, name, text):
    begin, end = "<!-- %s:begin -->" % name, "<!-- %s:end -->" % name
    doc = open(path).read()
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if not pattern.search(doc):
        raise SystemExit("%s: no %s ... %s markers" % (path, begin, end))
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(pattern.sub(lambda m: begin + "\n" + text.rstrip("\n") + "\n" + end, doc, count=1))
    import os
    os.replace(tmp, path)


def split_write(args):
    """Takes `--write FILE NAME` out of a command line's arguments: returns (the other arguments, [FILE, NAME] or None)."""
    args = list(args)
    if "--write" not in args:
        return args, None
    i = args.index("--write")
    write = args[i + 1:i + 3]
    del args[i:i + 3]
    return args, write
