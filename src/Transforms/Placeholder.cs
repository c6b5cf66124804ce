namespace MLVideo.Transforms;
