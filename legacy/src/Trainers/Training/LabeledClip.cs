namespace MLVideo.Trainers.Training;

/// <summary>One training view: its pixels (one view of <see cref="ClipGeometry.ViewLength"/> floats) and 0-based class.</summary>
/// <param name="Pixels">The view's pixels in the feature column's layout.</param>
/// <param name="Label">0-based class index.</param>
internal readonly record struct LabeledClip(float[] Pixels, int Label);
