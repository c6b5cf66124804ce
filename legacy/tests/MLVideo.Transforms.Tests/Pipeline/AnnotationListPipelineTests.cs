using MLVideo.Data;
using MLVideo.Transforms.Tests.Support;

namespace MLVideo.Transforms.Tests.Pipeline;

[TestClass]
public sealed class AnnotationListPipelineTests
{
    [TestMethod]
    public void RawframeListWithOffset_LoadVideoReadsFramesFromTheOffset()
    {
        string root = TestVideos.NewTempFolder();
        try
        {
            // mmaction2's list line "imgs 2 5 127": folder imgs, offset 2, 5 frames, label 127.
            Directory.CreateDirectory(Path.Combine(root, "imgs"));
            foreach (string f in Directory.GetFiles(TestVideos.RawFrames)) File.Copy(f, Path.Combine(root, "imgs", Path.GetFileName(f)));
            string list = Path.Combine(TestVideos.Annotations, "mmaction2_rawframe_test_list_with_offset.txt");
            var ml = new MLVideoContext(seed: 1);
            IDataView data = ml.Data.LoadFromAnnotationList(list, AnnotationListFormat.FrameFoldersWithOffset, dataRoot: root);
            var model = ml.Transforms.LoadVideo(frameOffsetColumnName: "FrameOffset", totalFramesColumnName: "TotalFrames")
                .Append(ml.Transforms.SampleFrames("Clip", "Video", FrameSampling.Segments(5), testMode: true)).Fit(data);
            var clips = DataViewReader.Column<VideoClip>(model.Transform(data), "Clip");
            Assert.AreEqual(2, clips.Count);
            Assert.AreEqual(5, clips[0].Source.FrameCount);
            Assert.AreEqual(2, clips[0].Source.FrameOffset);
            CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4 }, clips[0].Frames.SourceIndices.ToArray());

            var backend = new VideoBackend();
            FrameStack expected = backend.ReadFrames(backend.Probe(Path.Combine(root, "imgs")), [2, 3, 4, 5, 6]);
            CollectionAssert.AreEqual(expected.Pixels, clips[0].Frames.Pixels, "frames 0..4 of the listed clip are files 3..7");
            CollectionAssert.AreEqual(new[] { 127, 127 }, DataViewReader.Column<int>(data, "Label"));
        }
        finally { Directory.Delete(root, true); }
    }
}
