// Tests share ffmpeg child processes, temp folders and both cores; run them one at a time.
[assembly: DoNotParallelize]
