namespace MLVideo.Data;

/// <summary>Kinds of values a text column can be loaded as (ML.NET's values; MLVideo loads the ones documented as supported).</summary>
public enum DataKind : byte
{
    /// <summary>Not supported by MLVideo.</summary>
    SByte = 1,

    /// <summary>Not supported by MLVideo.</summary>
    Byte = 2,

    /// <summary>Not supported by MLVideo.</summary>
    Int16 = 3,

    /// <summary>Not supported by MLVideo.</summary>
    UInt16 = 4,

    /// <summary>32-bit integer.</summary>
    Int32 = 5,

    /// <summary>32-bit unsigned integer.</summary>
    UInt32 = 6,

    /// <summary>64-bit integer.</summary>
    Int64 = 7,

    /// <summary>Not supported by MLVideo.</summary>
    UInt64 = 8,

    /// <summary>32-bit float; empty, <c>?</c> and <c>NaN</c> are missing (NaN).</summary>
    Single = 9,

    /// <summary>64-bit float; empty, <c>?</c> and <c>NaN</c> are missing (NaN).</summary>
    Double = 10,

    /// <summary>Text.</summary>
    String = 11,

    /// <summary>Boolean: true/false, 1/0, yes/no (any case).</summary>
    Boolean = 12,

    /// <summary>Not supported by MLVideo.</summary>
    TimeSpan = 13,

    /// <summary>Not supported by MLVideo.</summary>
    DateTime = 14,

    /// <summary>Not supported by MLVideo.</summary>
    DateTimeOffset = 15,
}
