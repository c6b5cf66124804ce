namespace MLVideo.Data;

/// <summary>Reads the current row's value of a column into <paramref name="value"/>, reusing its buffers when it can.</summary>
public delegate void ValueGetter<TValue>(ref TValue value);
