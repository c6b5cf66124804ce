namespace MLVideo.Estimators.Tests.Helpers;

/// <summary>A sequence that fails the test if anyone enumerates it: proves no data was read.</summary>
public sealed class ThrowingEnumerable<T> : IEnumerable<T>
{
    public IEnumerator<T> GetEnumerator() => throw new AssertFailedException("The data was read, but the schema error should have been thrown first.");

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
