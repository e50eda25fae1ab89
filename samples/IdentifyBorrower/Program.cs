// Identifies a sample borrower through a policy (rules-2025 by default: biometrics and EDS, phone ownership when
// registered), with every method running against the built-in sandbox, and prints the decision. `--verbose` adds the
// evidence report; `--json` prints the evidence report alone as JSON on stdout.
// Usage: dotnet run --project samples/IdentifyBorrower -- [--json] [--verbose] [--policy all|rules-2021|rules-2025] [--scenario happy|…]
using IdentifyBorrower;
using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

bool json = args.Contains("--json");
bool verbose = args.Contains("--verbose");
string scenario = OptionValue(args, "--scenario") ?? "happy";

// rules-2025 does not use the real-time photo method, so its scenarios run under the policy with every method.
string policyName = OptionValue(args, "--policy") ?? (scenario.StartsWith("photo-", StringComparison.Ordinal) ? "all" : "rules-2025");

IdentificationPolicy policy = policyName switch
{
    "rules-2021" => IdentificationPolicies.Rules2021,
    "rules-2025" => IdentificationPolicies.Rules2025,
    "all" => IdentificationPolicy.Create("sample-all-methods")
        .Require(IdentificationMethodId.NcaEds)
        .Require(IdentificationMethodId.KcmrBiometrics)
        .Require(IdentificationMethodId.RealTimePhoto)
        .Require(IdentificationMethodId.EGovPhoneOwnership)
        .Build(),
    _ => throw new ArgumentException("--policy is all, rules-2021 or rules-2025."),
};

var services = new ServiceCollection();
services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(json ? LogLevel.None : LogLevel.Warning));
BorrowerIdentificationBuilder identification = services.AddBorrowerIdentification().UsePolicy(policy);
var context = new SampleContext(services, identification, scenario);
Sandbox.ConfigureAll(context);

// A method without sandbox wiring yet runs as a clearly marked scripted fake, so the flow still shows end to end.
foreach (IdentificationMethodId id in policy.MethodIds.Where(id => !context.RealMethods.Contains(id)))
{
    identification.AddMethod(new ScriptedIdentificationMethod(id, MethodVerdict.Verified()));
}

using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
try
{
    foreach (Func<CancellationToken, Task> start in context.StartSteps)
    {
        await start(cts.Token);
    }

    await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    provider.ValidateBorrowerIdentificationOptions();

    var request = new BorrowerIdentificationRequest(context.Iin, IdentificationOperation.AgreementSigning, "sample-loan-0001")
    {
        PhoneNumber = context.Phone,
    };
    foreach (Func<IServiceProvider, BorrowerIdentificationRequest, CancellationToken, Task> step in context.EvidenceSteps)
    {
        await step(provider, request, cts.Token);
    }

    if (context.NotStarted is { } notStarted && policy.MethodIds.Contains(notStarted.Method))
    {
        // A step could not even start (the liveness vendor is down): the honest answer is "we could not decide, try
        // again later" — Indeterminate with the provider's reason — never a rejection for missing evidence.
        if (json)
        {
            Console.Out.WriteLine($$"""{"status":"Indeterminate","reasons":["{{notStarted.Reason}}"],"method":"{{notStarted.Method}}"}""");
        }
        else
        {
            Console.WriteLine($"Policy:   {policy}");
            Console.WriteLine($"Decision: {IdentificationStatus.Indeterminate} [{notStarted.Reason}]");
            Console.WriteLine($"  {notStarted.Method} could not start a session; nothing was decided — ask the borrower to try again later.");
        }

        return 1;
    }

    IdentificationResult result = await provider.GetRequiredService<IBorrowerIdentifier>().IdentifyAsync(request, cts.Token);
    if (json)
    {
        Console.Out.WriteLine(result.Report.ToJson());
    }
    else
    {
        Console.WriteLine($"Policy:   {policy}");
        Console.WriteLine($"Borrower: IIN {context.Iin}, phone {context.Phone}");
        Console.WriteLine($"Decision: {result.Status} [{string.Join(", ", result.Reasons)}]");
        foreach (MethodOutcome method in result.Methods)
        {
            string how = context.RealMethods.Contains(method.MethodId) ? "sandbox" : "scripted fake";
            Console.WriteLine($"  {method.MethodId,-22} {method.Status,-14} ({how}) [{string.Join(", ", method.Reasons)}]");
        }

        if (verbose)
        {
            Console.WriteLine();
            Console.WriteLine("Evidence report:");
            Console.WriteLine(result.Report.ToJson());
        }
        else
        {
            Console.WriteLine("(--verbose prints the evidence report the lender keeps; --json prints it alone)");
        }
    }

    return result.IsVerified ? 0 : 1;
}
finally
{
    foreach (IAsyncDisposable disposable in context.Disposables)
    {
        await disposable.DisposeAsync();
    }
}

static string? OptionValue(string[] args, string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
