// Kernels already use both cores; running test classes in parallel would only add contention and
// make tests that lower CpuParallel.MaxDegree race with each other.
[assembly: DoNotParallelize]
