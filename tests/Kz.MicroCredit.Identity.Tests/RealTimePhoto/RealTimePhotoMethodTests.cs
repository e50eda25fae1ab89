using Kz.MicroCredit.Identity.RealTimePhoto;

using Xunit;

namespace Kz.MicroCredit.Identity.Tests.RealTimePhoto;

public sealed class RealTimePhotoMethodTests
{
    private static void AssertOutcome(MethodOutcome outcome, IdentificationStatus status, ReasonCode? reason = null)
    {
        Assert.Equal(status, outcome.Status);
        if (reason is { } r)
        {
            Assert.Contains(r, outcome.Reasons);
        }
    }

    [Fact]
    public async Task Both_factors_in_one_session_verify_and_the_evidence_has_no_code()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession session = await h.StartAsync();
        h.Time.Advance(TimeSpan.FromSeconds(40));
        h.Provider.Complete(session.ProviderSessionId);
        string code = h.Sms.CodeFor(session.SessionId);
        h.Time.Advance(TimeSpan.FromSeconds(20));

        MethodOutcome outcome = await h.EvaluateAsync(h.Request(session.SessionId, code));

        AssertOutcome(outcome, IdentificationStatus.Verified);
        IReadOnlyDictionary<string, string> facts = outcome.Evidence.Facts;
        Assert.Equal("fake", facts["provider"]);
        Assert.Equal(session.SessionId, facts["session.id"]);
        Assert.Equal(string.Join(",", session.Commands.Select(RealTimePhotoMethod.CommandName)), facts["liveness.commands"]);
        Assert.Equal("0.95", facts["facematch.score"]);
        Assert.Equal("2026-03-01T10:00:00.000Z", facts["otp.sent-at"]);
        Assert.Equal("2026-03-01T10:01:00.000Z", facts["otp.verified-at"]);
        Assert.Equal("1", facts["otp.attempts"]);
        Assert.Equal("false", facts["liveness.signal.injection"]);
        Assert.DoesNotContain(facts.Values, v => v.Contains(code, StringComparison.Ordinal));
        Assert.True(h.Comparer.Calls > 0, "the code must be compared through the constant-time comparer abstraction");
    }

    [Fact]
    public async Task A_replayed_session_is_rejected()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession session = await h.StartAsync();
        h.Provider.Complete(session.ProviderSessionId);
        string code = h.Sms.CodeFor(session.SessionId);
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, code)), IdentificationStatus.Verified);

        MethodOutcome replay = await h.EvaluateAsync(h.Request(session.SessionId, code));

        AssertOutcome(replay, IdentificationStatus.Rejected, ReasonCode.RealTimePhotoSessionReplayed);
        Assert.Equal(1, h.Provider.MatchCalls);
    }

    [Fact]
    public async Task The_code_of_another_session_is_rejected()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession first = await h.StartAsync("loan-1");
        RealTimePhotoSession second = await h.StartAsync("loan-1");
        h.Provider.Complete(second.ProviderSessionId);
        string firstCode = h.Sms.CodeFor(first.SessionId);
        string secondCode = h.Sms.CodeFor(second.SessionId);

        // Same digits by chance would make the test meaningless; the keyed hash binds the code to its session anyway.
        if (firstCode != secondCode)
        {
            AssertOutcome(await h.EvaluateAsync(h.Request(second.SessionId, firstCode)), IdentificationStatus.Rejected, ReasonCode.OtpInvalid);
        }

        AssertOutcome(await h.EvaluateAsync(h.Request(second.SessionId, secondCode)), IdentificationStatus.Verified);
    }

    [Fact]
    public async Task The_face_result_of_a_previous_session_is_rejected()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession previous = await h.StartAsync();
        LivenessResult old = h.Provider.Complete(previous.ProviderSessionId);
        AssertOutcome(await h.EvaluateAsync(h.Request(previous.SessionId, h.Sms.CodeFor(previous.SessionId))), IdentificationStatus.Verified);

        // The provider (or an attacker in between) answers the new session with the previous session's result.
        RealTimePhotoSession next = await h.StartAsync();
        h.Provider.Results[next.ProviderSessionId] = old with { ProviderSessionId = next.ProviderSessionId };

        MethodOutcome outcome = await h.EvaluateAsync(h.Request(next.SessionId, h.Sms.CodeFor(next.SessionId)));

        AssertOutcome(outcome, IdentificationStatus.Rejected, ReasonCode.RealTimePhotoSessionMismatch);
    }

    [Fact]
    public async Task A_frame_already_used_by_a_previous_session_is_rejected()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession previous = await h.StartAsync();
        LivenessResult old = h.Provider.Complete(previous.ProviderSessionId);
        AssertOutcome(await h.EvaluateAsync(h.Request(previous.SessionId, h.Sms.CodeFor(previous.SessionId))), IdentificationStatus.Verified);

        RealTimePhotoSession next = await h.StartAsync();
        h.Provider.Complete(next.ProviderSessionId, r => r with { FrameSha256 = old.FrameSha256 });

        MethodOutcome outcome = await h.EvaluateAsync(h.Request(next.SessionId, h.Sms.CodeFor(next.SessionId)));

        AssertOutcome(outcome, IdentificationStatus.Rejected, ReasonCode.LivenessFrameReplayed);
    }

    [Theory]
    [InlineData("other-iin")]
    [InlineData("other-operation")]
    [InlineData("other-loan")]
    [InlineData("other-phone")]
    [InlineData("other-amount")]
    public async Task A_session_used_for_another_borrower_operation_loan_phone_or_amount_is_rejected(string variant)
    {
        var h = new PhotoHarness();
        RealTimePhotoSession session = await h.StartAsync("loan-1");
        h.Provider.Complete(session.ProviderSessionId);
        string code = h.Sms.CodeFor(session.SessionId);
        BorrowerIdentificationRequest request = variant switch
        {
            "other-iin" => h.Request(session.SessionId, code, iin: PhotoHarness.OtherIin()),
            "other-operation" => h.Request(session.SessionId, code, operation: IdentificationOperation.Payout),
            "other-loan" => h.Request(session.SessionId, code, correlationId: "loan-2"),
            "other-phone" => h.Request(session.SessionId, code, phone: KzPhoneNumber.Parse("+77771234567")),
            _ => AmountRequest(h, session.SessionId, code, 500_000m),
        };

        AssertOutcome(await h.EvaluateAsync(request), IdentificationStatus.Rejected, ReasonCode.RealTimePhotoSessionMismatch);

        // The genuine borrower can still finish: a mismatching request burns neither the code nor the session.
        AssertOutcome(await h.EvaluateAsync(AmountRequest(h, session.SessionId, code, 50_000m)), IdentificationStatus.Verified);
    }

    private static BorrowerIdentificationRequest AmountRequest(PhotoHarness h, string sessionId, string code, decimal amount)
    {
        var request = new BorrowerIdentificationRequest(PhotoHarness.Borrower, IdentificationOperation.AgreementSigning, "loan-1") { PhoneNumber = PhotoHarness.Phone };
        request.Evidence.Add(new RealTimePhotoEvidence(sessionId, code) { Amount = amount });
        return request;
    }

    [Fact]
    public async Task Unknown_session_and_no_evidence()
    {
        var h = new PhotoHarness();
        AssertOutcome(await h.EvaluateAsync(h.Request("nope", "123456")), IdentificationStatus.Rejected, ReasonCode.RealTimePhotoSessionUnknown);
        var bare = new BorrowerIdentificationRequest(PhotoHarness.Borrower, IdentificationOperation.AgreementSigning, "loan-1");
        AssertOutcome(await h.EvaluateAsync(bare), IdentificationStatus.NotApplicable);
    }

    [Fact]
    public async Task Pending_liveness_is_indeterminate_and_leaves_code_and_session_usable()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession session = await h.StartAsync();
        string code = h.Sms.CodeFor(session.SessionId);

        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, code)), IdentificationStatus.Indeterminate, ReasonCode.LivenessPending);

        h.Provider.Complete(session.ProviderSessionId);
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, code)), IdentificationStatus.Verified);
    }

    [Fact]
    public async Task Retry_is_indeterminate_while_attempts_remain_and_rejected_at_the_cap()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession session = await h.StartAsync();
        string code = h.Sms.CodeFor(session.SessionId);
        h.Provider.Complete(session.ProviderSessionId, r => r with { Decision = LivenessDecision.Retry, Attempts = 2 });
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, code)), IdentificationStatus.Indeterminate, ReasonCode.LivenessRetryRequired);

        h.Provider.Complete(session.ProviderSessionId, r => r with { Decision = LivenessDecision.Retry, Attempts = 3 });
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, code)), IdentificationStatus.Rejected, ReasonCode.AttemptsExhausted);

        // Three failed attempts are final: even a later approval of the same session is not accepted.
        h.Provider.Complete(session.ProviderSessionId);
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, code)), IdentificationStatus.Rejected, ReasonCode.RealTimePhotoSessionReplayed);
    }

    [Fact]
    public async Task Approval_reported_after_more_than_three_attempts_is_rejected()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession session = await h.StartAsync();
        h.Provider.Complete(session.ProviderSessionId, r => r with { Attempts = 4 });
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, h.Sms.CodeFor(session.SessionId))), IdentificationStatus.Rejected, ReasonCode.AttemptsExhausted);
    }

    [Fact]
    public async Task Final_liveness_rejection_is_rejected()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession session = await h.StartAsync();
        h.Provider.Complete(session.ProviderSessionId, r => r with { Decision = LivenessDecision.RejectedFinal, Attempts = 1 });
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, h.Sms.CodeFor(session.SessionId))), IdentificationStatus.Rejected, ReasonCode.LivenessFailed);
    }

    [Fact]
    public async Task Commands_other_than_the_issued_ones_are_rejected()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession session = await h.StartAsync();
        h.Provider.Complete(session.ProviderSessionId, r => r with { CommandsPerformed = r.CommandsPerformed.Reverse().ToArray() });
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, h.Sms.CodeFor(session.SessionId))), IdentificationStatus.Rejected, ReasonCode.LivenessCommandsMismatch);
    }

    [Fact]
    public async Task Injection_signals_reject_and_are_kept_in_the_evidence()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession session = await h.StartAsync();
        h.Provider.Complete(session.ProviderSessionId, r => r with { Signals = new LivenessSignals { InjectionDetected = true, VirtualCameraDetected = true } });
        MethodOutcome outcome = await h.EvaluateAsync(h.Request(session.SessionId, h.Sms.CodeFor(session.SessionId)));
        AssertOutcome(outcome, IdentificationStatus.Rejected, ReasonCode.LivenessInjectionDetected);
        Assert.Equal("true", outcome.Evidence.Facts["liveness.signal.injection"]);
        Assert.Equal("true", outcome.Evidence.Facts["liveness.signal.virtual-camera"]);
    }

    [Fact]
    public async Task A_face_under_the_threshold_is_rejected()
    {
        var h = new PhotoHarness(new RealTimePhotoOptions { FaceMatchThreshold = 0.9 });
        h.Provider.MatchScore = 0.89;
        RealTimePhotoSession session = await h.StartAsync();
        h.Provider.Complete(session.ProviderSessionId);
        MethodOutcome outcome = await h.EvaluateAsync(h.Request(session.SessionId, h.Sms.CodeFor(session.SessionId)));
        AssertOutcome(outcome, IdentificationStatus.Rejected, ReasonCode.FaceNoMatch);
        Assert.Equal("0.9", outcome.Evidence.Facts["facematch.threshold"]);
    }

    [Fact]
    public async Task Provider_faults_are_indeterminate_never_verified()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession session = await h.StartAsync();
        h.Provider.Complete(session.ProviderSessionId);
        string code = h.Sms.CodeFor(session.SessionId);
        h.Provider.ResultFault = new LivenessProviderException(LivenessProviderErrorKind.Unavailable);
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, code)), IdentificationStatus.Indeterminate, ReasonCode.ProviderUnavailable);

        h.Provider.ResultFault = null;
        h.Provider.MatchFault = new LivenessProviderException(LivenessProviderErrorKind.Protocol);
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, code)), IdentificationStatus.Indeterminate, ReasonCode.ProviderProtocolError);

        h.Provider.MatchFault = new InvalidOperationException("boom");
        RealTimePhotoSession other = await h.StartAsync("loan-2");
        h.Provider.Complete(other.ProviderSessionId);
        AssertOutcome(await h.EvaluateAsync(h.Request(other.SessionId, h.Sms.CodeFor(other.SessionId), "loan-2")), IdentificationStatus.Indeterminate, ReasonCode.InternalError);
    }

    [Fact]
    public async Task Three_wrong_codes_use_the_code_up_and_the_right_one_is_then_refused()
    {
        var h = new PhotoHarness();
        RealTimePhotoSession session = await h.StartAsync();
        h.Provider.Complete(session.ProviderSessionId);
        string code = h.Sms.CodeFor(session.SessionId);
        string wrong = PhotoHarness.WrongCode(code);

        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, wrong)), IdentificationStatus.Rejected, ReasonCode.OtpInvalid);
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, wrong)), IdentificationStatus.Rejected, ReasonCode.OtpInvalid);
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, wrong)), IdentificationStatus.Rejected, ReasonCode.AttemptsExhausted);
        AssertOutcome(await h.EvaluateAsync(h.Request(session.SessionId, code)), IdentificationStatus.Rejected, ReasonCode.RealTimePhotoSessionReplayed);
        Assert.Equal(0, h.Provider.MatchCalls);
    }

    [Fact]
    public async Task Sessions_start_with_distinct_random_commands_and_a_message_naming_operation_and_amount()
    {
        var options = new RealTimePhotoOptions { CommandCount = 4 };
        var h = new PhotoHarness(options);
        RealTimePhotoSession session = await h.StartAsync(amount: 50_000m);

        Assert.Equal(4, session.Commands.Count);
        Assert.Equal(4, session.Commands.Distinct().Count());
        Assert.All(session.Commands, c => Assert.Contains(c, options.CommandSet));
        LivenessSessionRequest created = h.Provider.Created[session.ProviderSessionId];
        Assert.Equal(session.Commands, created.Commands);
        Assert.Equal(3, created.MaxAttempts);
        Assert.Equal(PhotoHarness.Borrower, created.SubjectIin);

        string text = h.Sms.MessageFor(session.SessionId).Text;
        Assert.Contains("подписания договора займа", text, StringComparison.Ordinal);
        Assert.Contains("50\u00A0000 ₸", text, StringComparison.Ordinal);
        Assert.Matches(@"^Код [0-9]{6} ", text);
    }

    [Fact]
    public async Task Sends_are_rate_limited_per_phone_and_per_iin()
    {
        var h = new PhotoHarness(new RealTimePhotoOptions { OtpSendLimitPerPhone = 2, OtpSendLimitPerIin = 3 });
        await h.StartAsync();
        await h.StartAsync();
        RealTimePhotoStartResult third = await h.Service.StartAsync(new RealTimePhotoStartRequest(PhotoHarness.Borrower, PhotoHarness.Phone, IdentificationOperation.Registration, "x"));
        Assert.Equal(RealTimePhotoStartStatus.RateLimited, third.Status);
        Assert.Equal(ReasonCode.OtpRateLimited, third.Reason);

        // Another number of the same IIN: the IIN window (3) still has one slot, then it closes too.
        await h.StartAsync(phone: KzPhoneNumber.Parse("+77051234567"));
        RealTimePhotoStartResult fifth = await h.Service.StartAsync(new RealTimePhotoStartRequest(PhotoHarness.Borrower, KzPhoneNumber.Parse("+77071234567"), IdentificationOperation.Registration, "x"));
        Assert.Equal(RealTimePhotoStartStatus.RateLimited, fifth.Status);

        // The window slides.
        h.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await h.StartAsync();
        Assert.Equal(4, h.Sms.Messages.Count);
    }

    [Fact]
    public async Task A_failed_sms_kills_the_session()
    {
        var h = new PhotoHarness();
        h.Sms.Fail = true;
        RealTimePhotoStartResult r = await h.Service.StartAsync(new RealTimePhotoStartRequest(PhotoHarness.Borrower, PhotoHarness.Phone, IdentificationOperation.Registration, "x"));
        Assert.Equal(RealTimePhotoStartStatus.OtpNotSent, r.Status);
        Assert.Equal(ReasonCode.OtpNotSent, r.Reason);
        Assert.Null(r.Session);
    }

    [Fact]
    public async Task Amount_is_required_for_agreement_signing()
    {
        var h = new PhotoHarness();
        await Assert.ThrowsAsync<ArgumentException>(() => h.Service.StartAsync(new RealTimePhotoStartRequest(PhotoHarness.Borrower, PhotoHarness.Phone, IdentificationOperation.AgreementSigning, "x")));
    }
}
