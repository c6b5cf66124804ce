using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MLVideo.Tensors.Serialization;

/// <summary>Element sizes and conversions of the safetensors dtypes.</summary>
internal static class SafeTensorsDtype
{
    public static int ElementSize(string dtype, string name) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" => 1,
        _ => throw new InvalidDataException($"Tensor '{name}' has unsupported safetensors dtype '{dtype}'."),
    };

    public static void Decode(string dtype, byte[] bytes, Span<float> destination, string name)
    {
        int n = destination.Length;
        if (bytes.Length != n * ElementSize(dtype, name))
            throw new InvalidDataException($"Tensor '{name}': {bytes.Length} bytes do not hold {n} elements of {dtype}.");
        ReadOnlySpan<byte> b = bytes;
        switch (dtype)
        {
            case "F32": MemoryMarshal.Cast<byte, float>(b).CopyTo(destination); break;
            case "F64": for (int i = 0; i < n; i++) destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(b[(i * 8)..]); break;
            case "F16": for (int i = 0; i < n; i++) destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(b[(i * 2)..]); break;
            case "BF16": for (int i = 0; i < n; i++) destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b[(i * 2)..]) << 16); break;
            case "I64": for (int i = 0; i < n; i++) destination[i] = BinaryPrimitives.ReadInt64LittleEndian(b[(i * 8)..]); break;
            case "I32": for (int i = 0; i < n; i++) destination[i] = BinaryPrimitives.ReadInt32LittleEndian(b[(i * 4)..]); break;
            case "I16": for (int i = 0; i < n; i++) destination[i] = BinaryPrimitives.ReadInt16LittleEndian(b[(i * 2)..]); break;
            case "U8" or "BOOL": for (int i = 0; i < n; i++) destination[i] = b[i]; break;
            case "I8": for (int i = 0; i < n; i++) destination[i] = (sbyte)b[i]; break;
            default: throw new InvalidDataException($"Tensor '{name}': cannot convert dtype {dtype} to float32.");
        }
    }
}
