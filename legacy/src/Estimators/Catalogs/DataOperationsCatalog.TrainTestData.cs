using MLVideo.Data;

namespace MLVideo;

public sealed partial class DataOperationsCatalog
{
    /// <summary>The two halves of a <see cref="TrainTestSplit"/>.</summary>
    public sealed class TrainTestData
    {
        internal TrainTestData(IDataView trainSet, IDataView testSet)
        {
            TrainSet = trainSet;
            TestSet = testSet;
        }

        /// <summary>Rows for training.</summary>
        public IDataView TrainSet { get; }

        /// <summary>Rows for testing.</summary>
        public IDataView TestSet { get; }
    }
}
