using MLVideo.Transforms.FrameOps;

namespace MLVideo;

/// <summary>How crops are placed.</summary>
public enum CropKind
{
    /// <summary>One crop at the centre (evaluation).</summary>
    Center,
    /// <summary>One crop at a uniformly random position (training).</summary>
    Random,
    /// <summary>Three crops along the long side: start, end, centre (mmaction2 ThreeCrop); three views.</summary>
    Three,
    /// <summary>Four corners and centre, plus their mirror images (mmaction2 TenCrop); ten views.</summary>
    Ten,
    /// <summary>TSN multi-scale crop: a random scale pair of the short side at one of five fixed positions, then resized to the crop size (training).</summary>
    MultiScale,
}
