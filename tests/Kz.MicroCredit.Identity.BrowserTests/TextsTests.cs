using Kz.MicroCredit.Identity.RealTimePhoto;
using OnboardingWeb.Pages;
using Xunit;

namespace Kz.MicroCredit.Identity.BrowserTests;

/// <summary>The sample's three-language texts are complete (no browser needed).</summary>
public sealed class TextsTests
{
    [Fact]
    public void Every_text_exists_in_russian_kazakh_and_english_and_they_differ_where_they_should()
    {
        foreach (string key in Texts.Keys)
        {
            foreach (Lang lang in Enum.GetValues<Lang>())
            {
                Assert.False(string.IsNullOrWhiteSpace(Texts.Get(key, lang)), $"{key} is empty in {lang}");
            }

            // Russian and English are never the same sentence (a forgotten translation), except for proper names.
            if (key is not "eds.channel.egov")
            {
                Assert.NotEqual(Texts.Get(key, Lang.Ru), Texts.Get(key, Lang.En));
            }
        }
    }

    [Fact]
    public void Every_liveness_command_has_a_text()
    {
        foreach (LivenessCommand command in Enum.GetValues<LivenessCommand>())
        {
            Assert.True(Texts.Has("cmd." + command), $"No text for the liveness command {command}.");
        }
    }

    [Theory]
    [InlineData("PhoneRegisteredToAnotherIin")]
    [InlineData("BiometricNoMatch")]
    [InlineData("CertificateRevoked")]
    [InlineData("OtpInvalid")]
    [InlineData("LivenessFailed")]
    public void Rejection_reasons_a_borrower_meets_are_explained_without_the_code(string code)
    {
        Assert.True(ReasonTexts.IsExplained(code));
        foreach (Lang lang in Enum.GetValues<Lang>())
        {
            string sentence = Assert.Single(ReasonTexts.Explain([code, "RequirementNotMet", "VetoFound"], lang));
            Assert.DoesNotContain(code, sentence, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_code_still_gets_a_sentence_that_quotes_it_for_support()
    {
        string sentence = Assert.Single(ReasonTexts.Explain(["SomethingNew"], Lang.En));
        Assert.Contains("SomethingNew", sentence, StringComparison.Ordinal);
    }
}
