using System.Globalization;
using System.Text;

namespace MLVideo.Tensors.Nn;

public abstract partial class Module
{
    /// <summary>
    /// The module tree as PyTorch prints it, e.g. <c>Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)</c>,
    /// children indented under <c>(name):</c>, so a model can be compared line by line with <c>print(model)</c>.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendRepr(sb, 0);
        return sb.ToString();
    }

    private void AppendRepr(StringBuilder sb, int indent)
    {
        sb.Append(GetType().Name).Append('(').Append(ExtraRepr());
        if (_children.Count == 0)
        {
            sb.Append(')');
            return;
        }
        sb.AppendLine();
        foreach (var (name, child) in _children)
        {
            sb.Append(' ', indent + 2).Append('(').Append(name).Append("): ");
            child.AppendRepr(sb, indent + 2);
            sb.AppendLine();
        }
        sb.Append(' ', indent).Append(')');
    }

    /// <summary>The layer's settings inside the parentheses of <see cref="ToString"/> (PyTorch's <c>extra_repr</c>); empty by default.</summary>
    protected virtual string ExtraRepr() => "";

    /// <summary>Formats a number as Python prints it (invariant culture, lower-case exponent).</summary>
    protected static string FormatNumber(double value) => value.ToString("G6", CultureInfo.InvariantCulture).ToLowerInvariant();

    /// <summary>Formats a bool as Python prints it.</summary>
    protected static string FormatBool(bool value) => value ? "True" : "False";
}
