using static TorchSharp.torch;

namespace MLVideo.Trainers.Weights;

/// <summary>The safetensors element types we read and write, and their TorchSharp equivalents.</summary>
internal static class SafeTensorsDType
{
    private static readonly (string Code, ScalarType Type, int Size)[] Table =
    [
        ("F32", ScalarType.Float32, 4),
        ("I64", ScalarType.Int64, 8),
        ("F64", ScalarType.Float64, 8),
        ("I32", ScalarType.Int32, 4),
    ];

    /// <summary>The TorchSharp type and element size of a safetensors code, or null if we do not read it.</summary>
    public static (ScalarType Type, int Size)? FromCode(string code)
    {
        foreach (var row in Table)
            if (row.Code == code) return (row.Type, row.Size);
        return null;
    }

    /// <summary>The safetensors code and element size of a TorchSharp type, or null if we do not write it.</summary>
    public static (string Code, int Size)? FromType(ScalarType type)
    {
        foreach (var row in Table)
            if (row.Type == type) return (row.Code, row.Size);
        return null;
    }

    /// <summary>The codes we handle, for error messages.</summary>
    public static string Supported => string.Join(", ", Table.Select(r => r.Code));
}
