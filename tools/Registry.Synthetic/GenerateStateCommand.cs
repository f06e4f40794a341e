using System.Diagnostics;
using System.Globalization;
using Registry.Web.Domain.Workforce;
using Registry.Web.Features.Workforce;
using Registry.Web.Infrastructure.Rules;

namespace Registry.Synthetic;

/// <summary>
/// <c>dotnet run --project tools/Registry.Synthetic -- generate-state [--people N] [--employers N] [--training N] [--courses N] [--seed N] [--snapshot]</c>:
/// fills the (SQLite) database with a synthetic state (sites, training and courses in proportion to the people unless given);
/// with --snapshot, also takes and publishes a census snapshot of it.
/// </summary>
public static class GenerateStateCommand
{
    public const string Name = "generate-state";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        int Option(string name, int fallback)
        {
            var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            return value is null ? fallback : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{name} takes a whole number.");
        }

        SyntheticStateSize size;
        try
        {
            // The other sizes follow the number of people, in the default state's proportions, unless given.
            var defaults = new SyntheticStateSize();
            var people = Option("--people", defaults.People);
            size = new SyntheticStateSize(
                people,
                Option("--employers", Math.Max(100, (int)((long)people * defaults.Employers / defaults.People))),
                Option("--training", (int)((long)people * defaults.TrainingRecords / defaults.People)),
                Option("--courses", (int)((long)people * defaults.Courses / defaults.People)),
                Option("--seed", defaults.Seed));
        }
        catch (ArgumentException e)
        {
            await output.WriteLineAsync(e.Message);
            await output.WriteLineAsync($"Usage: {Name} [--people N] [--employers N] [--training N] [--courses N] [--seed N] [--snapshot]");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SyntheticState>().GenerateAsync(size, ct);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Generated {result.People:N0} people ({result.Active:N0} working today), {result.Employers:N0} sites, {result.Employments:N0} jobs, {result.Courses:N0} courses, {result.TrainingRecords:N0} training records, {result.Credentials:N0} permits and cards, {result.Degrees:N0} degrees in {result.Elapsed.TotalSeconds:F0} s."));
        // Everyone's qualification summary, as the app would have stored it as their facts were entered.
        var rebuild = Stopwatch.StartNew();
        var summaries = await scope.ServiceProvider.GetRequiredService<QualificationRebuilder>().RebuildAsync(everyone: true, ct);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Worked out {summaries:N0} qualification summaries in {rebuild.Elapsed.TotalSeconds:F0} s."));
        if (args.Contains("--snapshot"))
        {
            var taking = scope.ServiceProvider.GetRequiredService<CensusTaking>();
            var snapshots = scope.ServiceProvider.GetRequiredService<Snapshots.Handler>();
            var watch = Stopwatch.StartNew();
            var id = await taking.RequestAsync(SnapshotKind.OnDemand, null, ct);
            await taking.FillAsync(id, ct);
            await snapshots.PublishAsync(id, "generate-state", publish: true, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Took and published census snapshot {id} in {watch.Elapsed.TotalSeconds:F0} s."));
        }

        return 0;
    }
}
