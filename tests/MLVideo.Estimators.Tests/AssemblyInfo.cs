// Tests share ffmpeg child processes, the native thread pool and both cores; run them one at a time.
[assembly: DoNotParallelize]
