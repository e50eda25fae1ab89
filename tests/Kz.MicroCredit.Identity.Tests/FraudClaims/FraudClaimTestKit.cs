using Xunit;
using System.Globalization;
using Kz.MicroCredit.Identity.FraudClaims;
using Kz.MicroCredit.Identity.Testing.FraudClaims;
using Microsoft.Extensions.Time.Testing;

namespace Kz.MicroCredit.Identity.Tests.FraudClaims;

/// <summary>A workflow over recording fakes and a fake clock, with helpers to drive a claim to any state.</summary>
internal sealed class FraudClaimTestKit
{
    public const string SandboxIin = "880912300763";
    public static readonly DateTimeOffset Start = new(2022, 1, 10, 9, 0, 0, TimeSpan.FromHours(6));

    public FraudClaimTestKit(FraudClaimOptions? options = null, IFraudClaimStore? store = null)
    {
        Ports = new InMemoryFraudClaimPorts(store);
        Options = options ?? new FraudClaimOptions();
        Workflow = Ports.CreateWorkflow(Time, Options);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemoryFraudClaimPorts Ports { get; }

    public FraudClaimOptions Options { get; }

    public FraudClaimWorkflow Workflow { get; }

    public static FraudClaimRegistration Registration(string claimId = "C-1", decimal amount = 150_000.50m, FraudClaimSource source = FraudClaimSource.CitizenComplaint, DateTimeOffset? receivedAt = null, string? loanId = null) => new()
    {
        ClaimId = claimId,
        LoanId = loanId ?? "L-" + claimId,
        ClaimantIin = Iin.Parse(SandboxIin),
        AmountKzt = amount,
        Source = source,
        ReceivedAt = receivedAt ?? Start.AddHours(-2),
    };

    public static FraudClaimStep Step(FraudClaimCommand command, string suffix = "", string? key = null) =>
        new("officer-17", new DocumentReference(command.ToString().ToLowerInvariant(), "N-" + command + suffix), key);

    /// <summary>The commands that lead from a new claim to the state (one bureau confirmation per configured bureau).</summary>
    public IReadOnlyList<(FraudClaimCommand Command, CreditBureaus Bureau)> PathTo(FraudClaimState state)
    {
        var path = new List<(FraudClaimCommand, CreditBureaus)> { (FraudClaimCommand.Register, CreditBureaus.None) };
        FraudClaimCommand[] main = [FraudClaimCommand.Freeze, FraudClaimCommand.Refer];
        switch (state)
        {
            case FraudClaimState.Registered:
                break;
            case FraudClaimState.Frozen:
                path.Add((FraudClaimCommand.Freeze, CreditBureaus.None));
                break;
            case FraudClaimState.Referred:
                path.AddRange(main.Select(c => (c, CreditBureaus.None)));
                break;
            case FraudClaimState.NotConfirmed:
                path.AddRange(main.Select(c => (c, CreditBureaus.None)));
                path.Add((FraudClaimCommand.RecordNotConfirmed, CreditBureaus.None));
                break;
            default:
                path.AddRange(main.Select(c => (c, CreditBureaus.None)));
                path.Add((FraudClaimCommand.Confirm, CreditBureaus.None));
                if (state is FraudClaimState.WrittenOff or FraudClaimState.CreditHistoryCorrected)
                {
                    path.Add((FraudClaimCommand.WriteOff, CreditBureaus.None));
                }

                if (state == FraudClaimState.CreditHistoryCorrected)
                {
                    foreach (CreditBureaus b in new[] { CreditBureaus.FirstCreditBureau, CreditBureaus.StateCreditBureau })
                    {
                        if ((Options.CreditBureaus & b) != 0)
                        {
                            path.Add((FraudClaimCommand.ConfirmCreditHistoryCorrection, b));
                        }
                    }
                }

                break;
        }

        return path;
    }

    public async Task<FraudClaimStepResult> DriveToAsync(FraudClaimState state, FraudClaimRegistration? registration = null)
    {
        registration ??= Registration();
        FraudClaimStepResult? last = null;
        foreach ((FraudClaimCommand command, CreditBureaus bureau) in PathTo(state))
        {
            Time.Advance(TimeSpan.FromHours(1));
            last = await ExecuteAsync(command, registration, Step(command, bureau == CreditBureaus.None ? string.Empty : bureau.ToString()), bureau);
        }

        Assert.Equal(state, last!.State);
        return last;
    }

    public Task<FraudClaimStepResult> ExecuteAsync(FraudClaimCommand command, FraudClaimRegistration registration, FraudClaimStep step, CreditBureaus bureau = CreditBureaus.FirstCreditBureau) => command switch
    {
        FraudClaimCommand.Register => Workflow.RegisterAsync(registration, step),
        FraudClaimCommand.Freeze => Workflow.FreezeAsync(registration.ClaimId, step),
        FraudClaimCommand.Refer => Workflow.ReferToLawEnforcementAsync(registration.ClaimId, step),
        FraudClaimCommand.Confirm => Workflow.ConfirmAsync(registration.ClaimId, FraudConfirmationKind.VictimRecognition, step),
        FraudClaimCommand.WriteOff => Workflow.WriteOffAsync(registration.ClaimId, step),
        FraudClaimCommand.ConfirmCreditHistoryCorrection => Workflow.ConfirmCreditHistoryCorrectionAsync(registration.ClaimId, bureau == CreditBureaus.None ? CreditBureaus.FirstCreditBureau : bureau, step),
        FraudClaimCommand.RecordNotConfirmed => Workflow.RecordNotConfirmedAsync(registration.ClaimId, ReasonCode.FraudCaseRefused, step),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    public static EvidenceReport EvidenceReport(string correlationId, DateTimeOffset createdAt, params (string Method, string Status)[] methods) => new()
    {
        ReportId = "R-" + correlationId,
        CorrelationId = correlationId,
        Operation = "agreement-signing",
        Policy = "rules-2021",
        CreatedAt = createdAt,
        Subject = new EvidenceSubject { IinMasked = "**********63" },
        Decision = new EvidenceDecision { Status = "verified", Reasons = [] },
        Methods = methods.Select(m => new EvidenceMethodEntry
        {
            Method = m.Method,
            Status = m.Status,
            Reasons = [],
            StartedAt = createdAt.AddSeconds(-5),
            CompletedAt = createdAt.AddSeconds(-1),
            Facts = new Dictionary<string, string>(),
            Digests = new Dictionary<string, string>(),
            Artifacts = [],
        }).ToArray(),
    };
}

/// <summary>
/// The figures of the regulator's 2022 letter (three months): 110 citizens' complaints for 7.8 M tenge, 81 written off
/// (5.6 M), 29 suspended (2.2 M); 24 police notices for 828 k tenge, 2 written off (150 k), 22 suspended (678 k) — and a
/// deterministic synthetic claim set that has exactly these figures in Q1 2022, plus claims outside the quarter.
/// </summary>
internal static class RegulatorLetter2022
{
    public static readonly DateOnly From = new(2022, 1, 1);
    public static readonly DateOnly To = new(2022, 3, 31);

    public const int CitizenCount = 110;
    public const decimal CitizenAmount = 7_800_000m;
    public const int CitizenWrittenOffCount = 81;
    public const decimal CitizenWrittenOffAmount = 5_600_000m;
    public const int CitizenSuspendedCount = 29;
    public const decimal CitizenSuspendedAmount = 2_200_000m;
    public const int PoliceCount = 24;
    public const decimal PoliceAmount = 828_000m;
    public const int PoliceWrittenOffCount = 2;
    public const decimal PoliceWrittenOffAmount = 150_000m;
    public const int PoliceSuspendedCount = 22;
    public const decimal PoliceSuspendedAmount = 678_000m;

    private static readonly TimeSpan Almaty = TimeSpan.FromHours(6);

    /// <summary>The synthetic claims; written-off ones alternate corrected / correction pending.</summary>
    public static IReadOnlyList<FraudClaimReportEntry> Entries()
    {
        var entries = new List<FraudClaimReportEntry>();
        int n = 0;
        void AddGroup(string prefix, FraudClaimSource source, int count, decimal total, Func<int, FraudClaimState> state)
        {
            decimal[] amounts = Amounts(count, total, prefix.Length * 7 + count);
            for (int i = 0; i < count; i++)
            {
                n++;
                entries.Add(new FraudClaimReportEntry
                {
                    ClaimId = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{n:D4}"),
                    LoanId = string.Create(CultureInfo.InvariantCulture, $"MC-2022-{n * 37 % 10_000:D4}-{n:D3}"),
                    Source = source,
                    AmountKzt = amounts[i],
                    ReceivedAt = ReceivedAt(n),
                    State = state(i),
                });
            }
        }

        FraudClaimState[] suspended = [FraudClaimState.Frozen, FraudClaimState.Referred, FraudClaimState.Confirmed];
        AddGroup("FC", FraudClaimSource.CitizenComplaint, CitizenWrittenOffCount, CitizenWrittenOffAmount, i => i % 2 == 0 ? FraudClaimState.CreditHistoryCorrected : FraudClaimState.WrittenOff);
        AddGroup("FC", FraudClaimSource.CitizenComplaint, CitizenSuspendedCount, CitizenSuspendedAmount, i => suspended[i % 3]);
        AddGroup("FP", FraudClaimSource.LawEnforcementNotice, PoliceWrittenOffCount, PoliceWrittenOffAmount, _ => FraudClaimState.CreditHistoryCorrected);
        AddGroup("FP", FraudClaimSource.LawEnforcementNotice, PoliceSuspendedCount, PoliceSuspendedAmount, i => suspended[(i + 1) % 3]);

        // Boundaries of the quarter, in the lender's own offset: the first and last instants are in, one second either side is out.
        entries[0] = entries[0] with { ReceivedAt = new DateTimeOffset(2022, 1, 1, 0, 0, 0, Almaty) };
        entries[^1] = entries[^1] with { ReceivedAt = new DateTimeOffset(2022, 3, 31, 23, 59, 59, Almaty) };
        entries.Add(Outside("FX-0001", FraudClaimSource.CitizenComplaint, 99_999.99m, new DateTimeOffset(2021, 12, 31, 23, 59, 59, Almaty), FraudClaimState.WrittenOff));
        entries.Add(Outside("FX-0002", FraudClaimSource.LawEnforcementNotice, 45_000m, new DateTimeOffset(2022, 4, 1, 0, 0, 0, Almaty), FraudClaimState.Frozen));
        entries.Add(Outside("FX-0003", FraudClaimSource.CitizenComplaint, 12_500m, new DateTimeOffset(2021, 11, 15, 10, 0, 0, Almaty), FraudClaimState.NotConfirmed));
        return entries;
    }

    private static FraudClaimReportEntry Outside(string id, FraudClaimSource source, decimal amount, DateTimeOffset at, FraudClaimState state) => new()
    {
        ClaimId = id,
        LoanId = "MC-X-" + id,
        Source = source,
        AmountKzt = amount,
        ReceivedAt = at,
        State = state,
    };

    private static DateTimeOffset ReceivedAt(int n)
    {
        // Spread over 90 days of Q1 2022 (Jan 1 .. Mar 31), at varying working hours, in UTC+6.
        var day = new DateTime(2022, 1, 1).AddDays(n * 53 % 90);
        return new DateTimeOffset(day.AddHours(9 + (n % 9)).AddMinutes(n * 7 % 60), Almaty);
    }

    /// <summary>Splits a total into amounts in tiyn that vary but add up exactly.</summary>
    private static decimal[] Amounts(int count, decimal total, int seed)
    {
        long totalTiyn = (long)(total * 100);
        long baseTiyn = totalTiyn / count;
        long remainder = totalTiyn % count;
        var tiyn = new long[count];
        for (int i = 0; i < count; i++)
        {
            tiyn[i] = baseTiyn + (i < remainder ? 1 : 0);
        }

        for (int i = 0; i + 1 < count; i += 2)
        {
            long delta = (seed * 7919L + i * 104_729L) % (baseTiyn / 2);
            tiyn[i] += delta;
            tiyn[i + 1] -= delta;
        }

        return tiyn.Select(t => t / 100m).ToArray();
    }
}
