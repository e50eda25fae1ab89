using System.Text;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Biometrics;

/// <summary>Every biometric flow at Trace level, HttpClientFactory logs included: no IIN, phone or image byte reaches a log line.</summary>
public sealed class BiometricsLoggingTests : IAsyncLifetime
{
    private CeidSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await CeidSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task No_personal_data_is_logged()
    {
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator, o => o.CallbackUrl = new Uri("https://mfo.example/webhooks/ceid"), fakeLogging: true);
        KcmrBiometricsMethod method = BiometricsTestHost.Method(provider);
        KcmrBiometricsSessions sessions = provider.GetRequiredService<KcmrBiometricsSessions>();
        var images = new List<byte[]>();
        string[] iins =
        [
            CeidSimulator.SandboxIin, CeidSimulator.NoMatchIin, CeidSimulator.LowScoreIin, CeidSimulator.LivenessFailedIin,
            CeidSimulator.UnknownIin, CeidSimulator.OtherIinPerson, CeidSimulator.FailingIin,
        ];

        foreach (string iin in iins)
        {
            byte[] image = SampleFaceImage.CreateJpeg(320, 240, comment: "person " + iin[..4]);
            images.Add((byte[])image.Clone());
            BorrowerIdentificationRequest request = WithPhone(iin);
            request.Evidence.Add(new KcmrFaceImageEvidence(image, "consent-log-test"));
            await method.EvaluateAsync(request);
        }

        BorrowerIdentificationRequest garbage = WithPhone(CeidSimulator.SandboxIin);
        garbage.Evidence.Add(new KcmrFaceImageEvidence("not an image at all"u8.ToArray(), "consent-log-test"));
        await method.EvaluateAsync(garbage);

        KcmrSessionStart start = await sessions.StartAsync(Iin.Parse(CeidSimulator.SandboxIin), IdentificationOperation.Registration, "consent-log-test");
        await _simulator.CompleteSessionAsync(start.SessionId!);
        (byte[] body, string signature) = _simulator.BuildCallback("evt_log_1", start.SessionId!, "completed", DateTimeOffset.UtcNow);
        await sessions.ProcessCallbackAsync(body, signature);
        await sessions.ProcessCallbackAsync(body, signature); // duplicate
        await sessions.ProcessCallbackAsync(body, "sha256=" + new string('0', 64)); // bad signature
        BorrowerIdentificationRequest session = WithPhone(CeidSimulator.SandboxIin, IdentificationOperation.Registration);
        session.Evidence.Add(new KcmrSessionEvidence(start.SessionId!));
        Assert.Equal(IdentificationStatus.Verified, (await method.EvaluateAsync(session)).Status);

        IReadOnlyList<FakeLogRecord> records = provider.GetFakeLogCollector().GetSnapshot();
        Assert.True(records.Count > 40, $"only {records.Count} records: the test would prove nothing");
        Assert.Contains(records, r => r.Level == LogLevel.Trace || r.Level == LogLevel.Debug);
        Assert.Contains(records, r => r.Category?.Contains("System.Net.Http", StringComparison.Ordinal) == true);

        var forbidden = new List<string>(iins) { "7011234567", "701 123 45 67", "+77011234567" };
        foreach (byte[] image in images)
        {
            forbidden.Add(Convert.ToBase64String(image)[..24]);
            forbidden.Add(Convert.ToHexString(image.AsSpan(0, 12)));
            forbidden.Add(Convert.ToHexStringLower(image.AsSpan(0, 12)));
            forbidden.Add(Encoding.Latin1.GetString(image.AsSpan(0, 12)));
        }

        foreach (FakeLogRecord record in records)
        {
            string text = Render(record);
            foreach (string secret in forbidden)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"log record {record.Id} of {record.Category} leaks personal data");
            }
        }
    }

    private static BorrowerIdentificationRequest WithPhone(string iin, IdentificationOperation operation = IdentificationOperation.AgreementSigning) =>
        new(Iin.Parse(iin), operation, "loan-log-" + iin[^2..]) { PhoneNumber = KzPhoneNumber.Parse("+7 701 123 45 67") };

    private static string Render(FakeLogRecord record)
    {
        var text = new StringBuilder(record.Message);
        if (record.StructuredState is not null)
        {
            foreach (KeyValuePair<string, string?> pair in record.StructuredState)
            {
                text.Append('|').Append(pair.Key).Append('=').Append(pair.Value);
            }
        }

        text.Append('|').Append(record.Exception?.ToString());
        foreach (object? scope in record.Scopes)
        {
            text.Append('|').Append(scope);
        }

        return text.ToString();
    }
}
