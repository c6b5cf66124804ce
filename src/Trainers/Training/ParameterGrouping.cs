namespace MLVideo.Trainers.Training;

/// <summary>How the trainable parameters are split into optimiser groups with their own learning rate and weight decay.</summary>
public enum ParameterGrouping
{
    /// <summary>The official TSN/TSM/GSF policy (<c>get_optim_policies</c>); see <see cref="ParameterGroups.Official"/>.</summary>
    Official,

    /// <summary>One group: every parameter at the base learning rate with the full weight decay.</summary>
    Single,
}
