namespace MLVideo.Tensors;

/// <summary>Thrown when an op receives tensors whose shapes or ranks it cannot accept. The message names the op and the shapes.</summary>
public sealed class ShapeMismatchException : ArgumentException
{
    /// <summary>Creates the exception with a message naming the op and the shapes.</summary>
    public ShapeMismatchException(string message) : base(message) { }
}
