namespace MLVideo;

/// <summary>
/// A saved MLVideo model cannot be read: a stream of the zip is missing, truncated or corrupt, the weights do not fit
/// the saved architecture, the method is unknown, or the file was written by a newer format. The message names the
/// component, the zip entry and the fault.
/// </summary>
public sealed class VideoModelFormatException : FormatException
{
    /// <summary>Creates the exception with a message that names the entry and the fault.</summary>
    public VideoModelFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public VideoModelFormatException(string message, Exception inner) : base(message, inner) { }
}
