using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Micro -- --filter '*'   (see benchmarks/README.md)
BenchmarkSwitcher.FromAssembly(typeof(OneTimeSecret.Micro.CryptoBenchmarks).Assembly).Run(args);
