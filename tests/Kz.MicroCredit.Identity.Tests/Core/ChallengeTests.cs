using System.Text;
using System.Xml;
using Kz.MicroCredit.Identity;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Core;

public class ChallengeTests
{
    private static readonly Iin Borrower = Iin.Parse("880912300763");
    private static readonly Iin Other = Iin.Parse("031231500126");

    public static TheoryData<string> Stores() => ["memory", "distributed"];

    private static (BorrowerChallengeService Service, FakeTimeProvider Time) Create(string store)
    {
        // The distributed cache runs on the real clock, so the fake clock starts at the real now.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        IChallengeStore s = store == "memory"
            ? new InMemoryChallengeStore(time)
            : new DistributedCacheChallengeStore(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions { Clock = null })));
        return (new BorrowerChallengeService(s, time, Options.Create(new ChallengeOptions { Lifetime = TimeSpan.FromMinutes(5) })), time);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Valid_once_then_replay_is_rejected(string store)
    {
        (BorrowerChallengeService service, _) = Create(store);
        BorrowerChallenge c = await service.IssueAsync(Borrower, IdentificationOperation.AgreementSigning);
        Assert.True(BorrowerChallenge.TryParseSignedText(c.ToSignedBytes(), out ChallengeReference r));
        Assert.Equal(ChallengeRedemption.Valid, await service.RedeemAsync(r, Borrower, IdentificationOperation.AgreementSigning));
        Assert.Equal(ChallengeRedemption.AlreadyUsed, await service.RedeemAsync(r, Borrower, IdentificationOperation.AgreementSigning));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Expired_challenge_is_rejected(string store)
    {
        (BorrowerChallengeService service, FakeTimeProvider time) = Create(store);
        BorrowerChallenge c = await service.IssueAsync(Borrower, IdentificationOperation.Registration);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ChallengeRedemption.Expired, await service.RedeemAsync(new(c.Id, c.Nonce), Borrower, IdentificationOperation.Registration));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Mismatches_are_rejected_and_use_the_challenge_up(string store)
    {
        (BorrowerChallengeService service, _) = Create(store);
        BorrowerChallenge a = await service.IssueAsync(Borrower, IdentificationOperation.Payout);
        Assert.Equal(ChallengeRedemption.IinMismatch, await service.RedeemAsync(new(a.Id, a.Nonce), Other, IdentificationOperation.Payout));
        Assert.Equal(ChallengeRedemption.AlreadyUsed, await service.RedeemAsync(new(a.Id, a.Nonce), Borrower, IdentificationOperation.Payout));

        BorrowerChallenge b = await service.IssueAsync(Borrower, IdentificationOperation.Payout);
        Assert.Equal(ChallengeRedemption.OperationMismatch, await service.RedeemAsync(new(b.Id, b.Nonce), Borrower, IdentificationOperation.IbanChange));

        BorrowerChallenge c = await service.IssueAsync(Borrower, IdentificationOperation.Payout);
        Assert.Equal(ChallengeRedemption.NonceMismatch, await service.RedeemAsync(new(c.Id, c.Nonce + "x"), Borrower, IdentificationOperation.Payout));

        Assert.Equal(ChallengeRedemption.NotFound, await service.RedeemAsync(new("nope", "nope"), Borrower, IdentificationOperation.Payout));
        Assert.Equal(ChallengeRedemption.NotFound, await service.RedeemAsync(default, Borrower, IdentificationOperation.Payout));
    }

    [Fact]
    public async Task Signed_forms_carry_no_personal_data_and_parse_back()
    {
        (BorrowerChallengeService service, _) = Create("memory");
        BorrowerChallenge c = await service.IssueAsync(Borrower, IdentificationOperation.AgreementSigning);
        Assert.DoesNotContain(Borrower.Value, c.ToSignedText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Borrower.Value, c.ToSignedXml(), StringComparison.Ordinal);
        var doc = new XmlDocument();
        doc.LoadXml(c.ToSignedXml());
        Assert.True(BorrowerChallenge.TryParseSignedXml(doc.DocumentElement!, out ChallengeReference r));
        Assert.Equal((c.Id, c.Nonce), (r.Id, r.Nonce));
        Assert.NotEqual(c.Id, (await service.IssueAsync(Borrower, IdentificationOperation.AgreementSigning)).Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("kzid-challenge/1 id= nonce=x op=payout exp=2026")]
    [InlineData("kzid-challenge/2 id=a nonce=b op=payout exp=2026")]
    [InlineData("kzid-challenge/1 id=a nonce=b op=payout")]
    public void Other_content_is_not_a_challenge(string text)
    {
        Assert.False(BorrowerChallenge.TryParseSignedText(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void Invalid_utf8_and_oversized_content_is_not_a_challenge()
    {
        Assert.False(BorrowerChallenge.TryParseSignedText(new byte[] { 0xff, 0xfe, 0x00 }, out _));
        Assert.False(BorrowerChallenge.TryParseSignedText(new byte[4096], out _));
    }

    [Fact]
    public void Lifetime_is_validated()
    {
        var v = new ChallengeOptionsValidator();
        Assert.True(v.Validate(null, new ChallengeOptions { Lifetime = TimeSpan.FromSeconds(1) }).Failed);
        Assert.True(v.Validate(null, new ChallengeOptions { Lifetime = TimeSpan.FromDays(1) }).Failed);
        Assert.True(v.Validate(null, new ChallengeOptions()).Succeeded);
    }
}
