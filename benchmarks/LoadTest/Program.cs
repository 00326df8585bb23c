using OneTimeSecret.LoadTest;

var options = LoadTestOptions.Parse(args, out var error);
if (options is null)
{
    if (!string.IsNullOrEmpty(error))
    {
        Console.Error.WriteLine($"error: {error}");
    }

    Console.Error.WriteLine(LoadTestOptions.Usage);
    return string.IsNullOrEmpty(error) ? 0 : 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

using var client = new ServiceClient(options.BaseUrl, options.Clients);
var unavailable = await client.CheckStatusAsync(cancel.Token);
if (unavailable is not null)
{
    Console.Error.WriteLine($"error: {unavailable}");
    return 3;
}

var runner = new LoadRunner(options, client, Console.Error);
LoadResult result;
try
{
    result = await runner.RunAsync(cancel.Token);
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}

Console.Out.Write(Report.Table(result));
if (options.SummaryFile is not null)
{
    await File.WriteAllTextAsync(options.SummaryFile, Report.KeyValues(result));
}

return 0;
