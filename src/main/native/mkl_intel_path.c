/*
 * PyTorch's CPU build carries Intel's MKL, and MKL takes its fast matrix kernels (AVX2, AVX-512) only when
 * this function says the processor is Intel's; on AMD processors it falls back to slower ones, although
 * they have the same instructions. The launcher (./rarec) preloads this one-function library, so that
 * MKL's own definition is replaced and the kernels are chosen by the instructions the processor has:
 * on this project's AMD EPYC machines a training step's large products ran 2.2 times as fast
 * (docs/benchmarks.md, "MKL on AMD"). On Intel processors it changes nothing.
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
