namespace MLVideo.Transforms.Readers;

/// <summary>A video found by <see cref="VideoFolderScanner"/>: its path and the class (sub-folder) it sits in.</summary>
public sealed record VideoFolderEntry(string Path, string ClassName);
