namespace MLVideo;

/// <summary>The kind of a log message (ML.NET's values).</summary>
public enum ChannelMessageKind
{
    /// <summary>Detailed progress.</summary>
    Trace = 0,

    /// <summary>Information.</summary>
    Info = 1,

    /// <summary>A problem that did not stop the work.</summary>
    Warning = 2,

    /// <summary>A failure.</summary>
    Error = 3,
}
