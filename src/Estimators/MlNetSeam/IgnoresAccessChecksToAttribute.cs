// The ML.NET seam, run-time half (why: README.md beside this file).
// CoreCLR honours this attribute, which the BCL does not declare publicly: the assembly that carries it may use
// the named assemblies' non-public types and members. Microsoft.ML.TorchSharp gets the same access through
// InternalsVisibleTo; we cannot, so we declare it here.
using System.Runtime.CompilerServices;

[assembly: IgnoresAccessChecksTo("Microsoft.ML.Core")]
[assembly: IgnoresAccessChecksTo("Microsoft.ML.Data")]

namespace System.Runtime.CompilerServices;

/// <summary>Read by the runtime: access checks into the named assembly are skipped for this assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute : Attribute
{
    /// <summary>Creates the attribute for the assembly with the given simple name.</summary>
    public IgnoresAccessChecksToAttribute(string assemblyName) => AssemblyName = assemblyName;

    /// <summary>The simple name of the assembly whose access checks are skipped.</summary>
    public string AssemblyName { get; }
}
