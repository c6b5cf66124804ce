namespace MLVideo.Data;

/// <summary>Excludes a field or property from the columns.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class NoColumnAttribute : Attribute
{
}
