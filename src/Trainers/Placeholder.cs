namespace MLVideo.Trainers;
