using System.Security.Cryptography;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing.RealTimePhoto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using Xunit;

namespace Kz.MicroCredit.Identity.Tests.RealTimePhoto;

/// <summary>Records every comparison so tests can prove the comparer abstraction (constant-time by default) is used.</summary>
internal sealed class RecordingComparer : IOtpCodeComparer
{
    public int Calls { get; private set; }

    public bool AreEqual(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Calls++;
        return FixedTimeOtpCodeComparer.Instance.AreEqual(expected, actual);
    }
}

/// <summary>An in-process provider whose results tests can script; by default the borrower performs exactly what was asked.</summary>
internal sealed class FakeLivenessProvider(TimeProvider time) : ILivenessProvider, IFaceMatchProvider
{
    public Dictionary<string, LivenessSessionRequest> Created { get; } = [];

    public Dictionary<string, LivenessResult> Results { get; } = [];

    public Func<LivenessSessionRequest, LivenessResult>? OnComplete { get; set; }

    public Exception? ResultFault { get; set; }

    public Exception? MatchFault { get; set; }

    public double MatchScore { get; set; } = 0.95;

    public int MatchCalls { get; private set; }

    public string Name => "fake";

    public Task<LivenessSessionHandle> CreateSessionAsync(LivenessSessionRequest request, CancellationToken cancellationToken = default)
    {
        string id = "ps_" + Created.Count;
        Created[id] = request;
        return Task.FromResult(new LivenessSessionHandle(id, new Uri("https://provider.invalid/flow/" + id), null));
    }

    /// <summary>The borrower completes the flow now.</summary>
    public LivenessResult Complete(string providerSessionId, Func<LivenessResult, LivenessResult>? change = null)
    {
        LivenessSessionRequest r = Created[providerSessionId];
        LivenessResult result = OnComplete?.Invoke(r) ?? new LivenessResult
        {
            ProviderSessionId = providerSessionId,
            ExternalReference = r.SessionId,
            Nonce = r.Nonce,
            Decision = LivenessDecision.Approved,
            Attempts = 1,
            CommandsPerformed = r.Commands,
            LivenessScore = 0.97,
            CapturedAt = time.GetUtcNow(),
            FrameId = "frame-" + providerSessionId,
            FrameSha256 = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            Signals = new LivenessSignals { InjectionDetected = false, VirtualCameraDetected = false },
        };
        result = change?.Invoke(result) ?? result;
        Results[providerSessionId] = result;
        return result;
    }

    public Task<LivenessResult> GetResultAsync(string providerSessionId, CancellationToken cancellationToken = default)
    {
        if (ResultFault is not null)
        {
            throw ResultFault;
        }

        return Task.FromResult(Results.TryGetValue(providerSessionId, out LivenessResult? r) ? r : new LivenessResult { ProviderSessionId = providerSessionId, Decision = LivenessDecision.Pending });
    }

    public Task<FaceMatchResult> MatchAsync(FaceMatchRequest request, CancellationToken cancellationToken = default)
    {
        MatchCalls++;
        if (MatchFault is not null)
        {
            throw MatchFault;
        }

        return Task.FromResult(new FaceMatchResult { MatchId = "m-" + request.ProviderSessionId, Score = MatchScore, FrameId = request.FrameId, ReferenceSource = request.ReferenceSource });
    }
}

/// <summary>The method, the session service and their fakes over one FakeTimeProvider.</summary>
internal sealed class PhotoHarness
{
    public static readonly Iin Borrower = Iin.Parse("880912300763");
    public static readonly KzPhoneNumber Phone = KzPhoneNumber.Parse("+77011234567");

    public PhotoHarness(RealTimePhotoOptions? options = null, ILogger? logger = null)
    {
        Options = options ?? new RealTimePhotoOptions();
        Logger = logger ?? NullLogger.Instance;
        Provider = new FakeLivenessProvider(Time);
        OtpStore = new InMemoryOtpStore(Time);
        Sessions = new InMemoryRealTimePhotoSessionStore(Time);
        Cache = new LivenessResultCache(Time);
        Service = new RealTimePhotoSessionService(Provider, Sms, Sessions, OtpStore, Keys, Comparer, Options, Time, Logger);
        Method = new RealTimePhotoMethod(Provider, Provider, Sessions, OtpStore, Keys, Cache, Comparer, Options, Time, Logger);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

    public RealTimePhotoOptions Options { get; }

    public ILogger Logger { get; }

    public RealTimePhotoKeyRing Keys { get; } = new(RandomNumberGenerator.GetBytes(32));

    public RecordingComparer Comparer { get; } = new();

    public CapturingOtpSender Sms { get; } = new();

    public FakeLivenessProvider Provider { get; }

    public InMemoryOtpStore OtpStore { get; }

    public InMemoryRealTimePhotoSessionStore Sessions { get; }

    public LivenessResultCache Cache { get; }

    public RealTimePhotoSessionService Service { get; }

    public RealTimePhotoMethod Method { get; }

    public static Iin OtherIin()
    {
        string first = "90010130012";
        return Iin.Parse(first + Iin.ComputeCheckDigit(first));
    }

    public async Task<RealTimePhotoSession> StartAsync(string correlationId = "loan-1", Iin? iin = null, KzPhoneNumber? phone = null, decimal amount = 50_000m)
    {
        RealTimePhotoStartResult r = await Service.StartAsync(new RealTimePhotoStartRequest(iin ?? Borrower, phone ?? Phone, IdentificationOperation.AgreementSigning, correlationId) { Amount = amount });
        Assert.True(r.IsStarted, r.Status.ToString());
        return r.Session!;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Reads better as h.Request(...) in tests.")]
    public BorrowerIdentificationRequest Request(string sessionId, string code, string correlationId = "loan-1", Iin? iin = null, IdentificationOperation operation = IdentificationOperation.AgreementSigning, KzPhoneNumber? phone = null)
    {
        var request = new BorrowerIdentificationRequest(iin ?? Borrower, operation, correlationId) { PhoneNumber = phone ?? Phone };
        request.Evidence.Add(new RealTimePhotoEvidence(sessionId, code));
        return request;
    }

    public Task<MethodOutcome> EvaluateAsync(BorrowerIdentificationRequest request) => Method.EvaluateAsync(request);

    public static string WrongCode(string code) => code[..^1] + (char)('0' + ((code[^1] - '0' + 1) % 10));
}
