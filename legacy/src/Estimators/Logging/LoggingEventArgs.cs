namespace MLVideo;

/// <summary>A log message raised through <see cref="MLVideoContext.Log"/>.</summary>
public sealed class LoggingEventArgs : EventArgs
{
    /// <summary>Creates a message; <see cref="Message"/> is formatted as <c>[Source=..., Kind=...] text</c>, as in ML.NET.</summary>
    public LoggingEventArgs(string message, ChannelMessageKind kind, string source)
    {
        RawMessage = message;
        Kind = kind;
        Source = source;
        Message = $"[Source={source}, Kind={kind}] {message}";
    }

    /// <summary>The kind of message.</summary>
    public ChannelMessageKind Kind { get; }

    /// <summary>The component that wrote it (e.g. <c>ValueToKeyMappingEstimator</c>).</summary>
    public string Source { get; }

    /// <summary>The text without decoration.</summary>
    public string RawMessage { get; }

    /// <summary>The formatted message.</summary>
    public string Message { get; }
}
