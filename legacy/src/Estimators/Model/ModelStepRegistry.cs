using System.Collections.Concurrent;
using System.Reflection;

namespace MLVideo.Model;

/// <summary>
/// The only step kinds a model file may contain. Loading looks the kind up here and calls the
/// registered loader; nothing named in the file (types, assemblies) is ever instantiated. Libraries
/// register their kinds with <see cref="Register"/>, usually from an <see cref="IModelStepProvider"/>
/// named by <see cref="ModelStepProviderAttribute"/> so registration happens even when the library's
/// types were not touched before loading.
/// </summary>
public static class ModelStepRegistry
{
    // Our own libraries that may hold step kinds; loaded by name (never a name from a model file).
    private static readonly string[] FirstPartyAssemblies = ["MLVideo.Estimators", "MLVideo.Transforms", "MLVideo.Trainers"];

    private static readonly ConcurrentDictionary<string, Registration> Kinds = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Assembly, bool> ScannedAssemblies = new();
    private static volatile bool _firstPartyLoaded;

    /// <summary>
    /// Registers a step kind: files with versions 1..<paramref name="currentVersion"/> are loaded by
    /// <paramref name="load"/>. Registering the same kind again with the same loader type is ignored.
    /// </summary>
    public static void Register(string kind, int currentVersion, Func<ModelStepReader, ITransformer> load)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentOutOfRangeException.ThrowIfLessThan(currentVersion, 1);
        if (!IsValidKindName(kind))
            throw new ArgumentException($"Step kind '{kind}' must be 1-64 letters, digits, '.', '_' or '-'.", nameof(kind));
        var registration = new Registration(kind, currentVersion, load);
        var existing = Kinds.GetOrAdd(kind, registration);
        if (!ReferenceEquals(existing, registration) && existing.CurrentVersion != currentVersion)
            throw new InvalidOperationException($"Step kind '{kind}' is already registered with version {existing.CurrentVersion}.");
    }

    /// <summary>Whether <paramref name="kind"/> is registered.</summary>
    public static bool IsRegistered(string kind)
    {
        EnsureProvidersRegistered();
        return Kinds.ContainsKey(kind);
    }

    /// <summary>The registered kinds, sorted.</summary>
    public static IReadOnlyList<string> RegisteredKinds
    {
        get
        {
            EnsureProvidersRegistered();
            return Kinds.Keys.Order(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>Builds the transformer of a saved step; throws <see cref="ModelFormatException"/> for unknown kinds or versions.</summary>
    internal static ITransformer Load(ModelStepReader reader)
    {
        EnsureProvidersRegistered();
        if (!Kinds.TryGetValue(reader.Kind, out var registration))
            throw new ModelFormatException(
                $"{reader.Location}: step kind '{reader.Kind}' is not registered, so it will not be loaded. Registered kinds: {string.Join(", ", Kinds.Keys.Order(StringComparer.Ordinal))}. " +
                "Reference the library that defines it (e.g. MLVideo.Trainers).");
        if (reader.Version < 1 || reader.Version > registration.CurrentVersion)
            throw new ModelFormatException($"{reader.Location}: step '{reader.Kind}' has version {reader.Version}; this library reads versions 1 to {registration.CurrentVersion}.");
        return registration.Load(reader);
    }

    internal static bool IsValidKindName(string kind) =>
        kind.Length is > 0 and <= 64 && kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Runs the providers of our libraries (and of any loaded assembly declaring one), once each.</summary>
    internal static void EnsureProvidersRegistered()
    {
        if (!_firstPartyLoaded)
        {
            foreach (var name in FirstPartyAssemblies)
            {
                try
                {
                    Assembly.Load(name);
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    // Not referenced by this application: its kinds are simply unavailable.
                }
            }
            _firstPartyLoaded = true;
        }
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!ScannedAssemblies.TryAdd(assembly, true)) continue;
            foreach (var attribute in assembly.GetCustomAttributes<ModelStepProviderAttribute>())
            {
                var provider = (IModelStepProvider)Activator.CreateInstance(attribute.ProviderType)!;
                provider.RegisterSteps();
            }
        }
    }

    private sealed record Registration(string Kind, int CurrentVersion, Func<ModelStepReader, ITransformer> Load);
}
