// The web onboarding sample: `dotnet run --project samples/OnboardingWeb` starts it against the built-in sandbox
// (no configuration needed) and prints its URL. Settings: appsettings.json (Onboarding:Policy, Sandbox:Scenario).
using OnboardingWeb;

await using WebApplication app = await OnboardingApp.BuildAsync(args);
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (string address in OnboardingApp.Addresses(app))
    {
        Console.WriteLine($"Onboarding sample (sandbox) is running: open {address}/ — staff pages: {address}/staff");
    }
});
await app.RunAsync();
