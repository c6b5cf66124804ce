using System.Reflection;
using Microsoft.ML;

namespace MLVideo.MlNetSeam;

/// <summary>
/// The one Microsoft.ML build MLVideo is compiled against. The seam reaches internal members of that build, which
/// may change in any other release, so every MLVideo component checks the loaded version before it touches them.
/// </summary>
public static class MlNetVersion
{
    /// <summary>The pinned Microsoft.ML package version (build/Versions.props).</summary>
    public const string Pinned = "6.0.0";

    private static readonly Lazy<string> LoadedVersion = new(() => ReadVersion(typeof(MLContext).Assembly));

    /// <summary>The package version of the Microsoft.ML assemblies loaded in this process.</summary>
    public static string Loaded => LoadedVersion.Value;

    /// <summary>Throws <see cref="NotSupportedException"/> unless the loaded Microsoft.ML is the pinned version.</summary>
    public static void EnsureSupported() => EnsureSupported(Loaded);

    /// <summary>Throws <see cref="NotSupportedException"/> unless <paramref name="loadedVersion"/> is the pinned version.</summary>
    public static void EnsureSupported(string loadedVersion)
    {
        if (loadedVersion != Pinned)
            throw new NotSupportedException(
                $"MLVideo is built for Microsoft.ML {Pinned} exactly, but Microsoft.ML {loadedVersion} is loaded. " +
                $"Reference Microsoft.ML {Pinned} (PackageReference Version=\"[{Pinned}]\") in your application.");
    }

    private static string ReadVersion(Assembly assembly)
    {
        // ML.NET's assembly version is always 1.0.0.0; the package version is the informational version ("6.0.0+<commit>").
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (informational is null) return assembly.GetName().Version?.ToString() ?? "unknown";
        int plus = informational.IndexOf('+');
        return plus < 0 ? informational : informational[..plus];
    }
}
