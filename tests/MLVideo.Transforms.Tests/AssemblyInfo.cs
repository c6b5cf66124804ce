// Tests share the two cores and the native thread pool; running them one at a time keeps timings and memory honest.
[assembly: DoNotParallelize]
