using Microsoft.Win32.SafeHandles;
using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Weights;

/// <summary>
/// A safetensors file from <see cref="SafeTensorsReader"/>: the <c>__metadata__</c> dictionary, the tensor records in
/// file order, and their data, from which tensors are created on demand. The data is either in memory
/// (<see cref="SafeTensorsReader.Read(Stream, string)"/>) or still on disk (<see cref="SafeTensorsReader.Open"/>,
/// which keeps the file open until <see cref="Dispose"/>); both were checked against the header when read.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    private readonly Dictionary<string, SafeTensorsEntry> _byName;
    private readonly byte[]? _memory;
    private readonly SafeFileHandle? _file;
    private readonly long _dataStart;
    private bool _disposed;

    private SafeTensorsFile(string sourceName, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafeTensorsEntry> entries,
        byte[]? memory, SafeFileHandle? file, long dataStart)
    {
        SourceName = sourceName;
        Metadata = metadata;
        Entries = entries;
        _memory = memory;
        _file = file;
        _dataStart = dataStart;
        _byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>The file (or stream) name it was read from.</summary>
    public string SourceName { get; }

    /// <summary>The string-to-string metadata (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor records, in file order.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>True if the file has a tensor of that name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The record of a tensor.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public SafeTensorsEntry this[string name] =>
        _byName.TryGetValue(name, out var entry) ? entry : throw new KeyNotFoundException($"{SourceName}: no tensor named '{name}'.");

    /// <summary>A new tensor holding the named tensor's values, on <paramref name="device"/> (CPU when null); the caller owns it.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    /// <exception cref="SafeTensorsFormatException">An opened file was cut short after its header was read.</exception>
    /// <exception cref="NotSupportedException">The tensor has more than 2 GiB of data.</exception>
    /// <exception cref="ObjectDisposedException">The file was disposed.</exception>
    public Tensor ToTensor(string name, Device? device = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var entry = this[name];
        long length = entry.End - entry.Begin;
        // TorchSharp exposes a tensor's storage as one Span, which cannot address more than 2 GiB.
        if (length > int.MaxValue)
            throw new NotSupportedException($"{SourceName}: tensor '{name}' has {length} bytes; tensors over 2 GiB are not supported.");
        var (type, _) = SafeTensorsDType.FromCode(entry.DType)!.Value;
        var tensor = torch.empty(entry.Shape, type);
        try
        {
            if (length > 0) Fill(entry, tensor.bytes);
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
        if (device is null || device.type == DeviceType.CPU) return tensor;
        var moved = tensor.to(device);
        tensor.Dispose();
        return moved;
    }

    /// <summary>Every tensor, in file order, as new CPU tensors (the caller owns them).</summary>
    public List<KeyValuePair<string, Tensor>> ToTensors() => Entries.Select(e => KeyValuePair.Create(e.Name, ToTensor(e.Name))).ToList();

    /// <summary>Closes an opened file; tensors already created stay valid. A file read into memory holds nothing to close.</summary>
    public void Dispose()
    {
        _disposed = true;
        _file?.Dispose();
    }

    internal static SafeTensorsFile InMemory(string sourceName, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafeTensorsEntry> entries, byte[] data) =>
        new(sourceName, metadata, entries, data, null, 0);

    internal static SafeTensorsFile OnDisk(string path, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafeTensorsEntry> entries, SafeFileHandle file, long dataStart) =>
        new(path, metadata, entries, null, file, dataStart);

    private void Fill(SafeTensorsEntry entry, Span<byte> destination)
    {
        if (_memory is not null)
        {
            _memory.AsSpan((int)entry.Begin, destination.Length).CopyTo(destination);
            return;
        }
        // Positional reads: no shared stream position, so tensors may be read from several threads.
        if (SafeTensorsReader.ReadFully(_file!, destination, _dataStart + entry.Begin) < destination.Length)
            throw SafeTensorsHeader.Fault(SourceName, $"truncated: the data of tensor '{entry.Name}' is cut off (the file shrank after it was opened)");
    }
}
