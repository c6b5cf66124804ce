// Benchmarks entry point: `dotnet run -c Release --project bench/MLVideo.Bench -- <suite>`.
Console.WriteLine("usage: MLVideo.Bench <suite>");
return 2;
