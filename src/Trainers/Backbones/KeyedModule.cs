using TorchSharp;
using static TorchSharp.torch;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// Base of every MLVideo module: children are registered explicitly, in the order of the paper's figure, under
/// their PyTorch state-dict names (<see cref="Add{T}"/>). TorchSharp's reflection over fields
/// (<c>RegisterComponents</c>) is switched off: it would register a child a second time under its C# field name,
/// and reflection does not guarantee field order, while key order matters when comparing with PyTorch.
/// </summary>
/// <remarks>Derived classes must not give module-typed fields an initializer; assign them in the constructor through <see cref="Add{T}"/>.</remarks>
public abstract class KeyedModule : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module; <paramref name="name"/> is only TorchSharp's display name.</summary>
    protected KeyedModule(string name) : base(name) { }

    /// <summary>Registers <paramref name="module"/> as the child <paramref name="key"/> (a state-dict key segment) and returns it.</summary>
    protected T Add<T>(string key, T module) where T : nn.Module
    {
        register_module(key, module);
        return module;
    }

    /// <summary>Does nothing: every child is registered by <see cref="Add{T}"/>.</summary>
    protected override void RegisterComponents() { }
}
