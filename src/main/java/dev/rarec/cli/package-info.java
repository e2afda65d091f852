/**
 * The {@code rarec} command line: one picocli {@code Callable} per job. A command parses options,
 * opens what it needs through {@link dev.rarec.cli.Workspace} or the packages' entry points, calls
 * one of them and prints. No business logic lives here; shared options are the
 * {@link dev.rarec.cli.CommonOptions} and {@link dev.rarec.cli.GeneratorOptions} mixins.
 */
package dev.rarec.cli;
