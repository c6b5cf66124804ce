using MLVideo.Tensors.Nn;

namespace MLVideo.Trainers.Backbones;

/// <summary>
/// A 2-D image network applied to each frame: (N, 3, H, W) -> (N, classes), or (N, <see cref="FeatureDim"/>) when
/// built without its classifier. Video models (TSN, TSM, GSF) replace the classifier by dropout, as the official
/// code does (<c>setattr(base_model, last_layer_name, nn.Dropout(p))</c>), and add their own <c>new_fc</c>.
/// </summary>
public abstract class ImageBackbone : Module
{
    /// <summary>Width of the pooled feature vector fed to the classifier.</summary>
    public abstract int FeatureDim { get; }

    /// <summary>The PyTorch attribute name of the classifier (<c>fc</c> for ResNet, <c>classifier</c> for MobileNetV2).</summary>
    public abstract string HeadName { get; }

    /// <summary>The current classifier (or its replacement), or null for a feature extractor.</summary>
    public Module? Head { get; private set; }

    /// <summary>
    /// Sets the module applied to the pooled features, registered under <see cref="HeadName"/> (replacing any current
    /// one in place): a classifier, or <c>Dropout</c> for a video model's backbone. Null is not allowed; a feature
    /// extractor is built with <c>includeTop: false</c>.
    /// </summary>
    /// <returns>The previous head, or null.</returns>
    public Module? SetHead(Module head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var old = Head;
        if (old is null) RegisterModule(HeadName, head);
        else ReplaceModule(HeadName, head);
        Head = head;
        return old;
    }
}
