namespace MLVideo.Transforms.Tests;
