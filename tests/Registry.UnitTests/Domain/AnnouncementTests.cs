using Registry.Web.Domain.Messages;

namespace Registry.UnitTests.Domain;

public sealed class AnnouncementTests
{
    private static Announcement Written(string? subjectSpanish, string? bodySpanish)
    {
        var announcement = new Announcement("author", null, null, DateTimeOffset.UtcNow);
        announcement.Write(MessageKind.News, "Subject", "Body", subjectSpanish, bodySpanish, new Audience());
        return announcement;
    }

    [Fact]
    public void Spanish_speakers_get_the_Spanish_and_everyone_else_the_English()
    {
        var announcement = Written("Asunto", "Cuerpo");
        Assert.Equal(("Asunto", "Cuerpo", "es"), announcement.In("es"));
        Assert.Equal(("Subject", "Body", "en"), announcement.In("en"));
        Assert.Equal(("Subject", "Body", "en"), announcement.In("vi"));
        Assert.Equal(("Subject", "Body", "en"), announcement.In(null));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Asunto", null)]
    [InlineData(null, "Cuerpo")]
    [InlineData(" ", "Cuerpo")]
    public void Without_a_whole_Spanish_text_Spanish_speakers_get_the_English(string? subject, string? body) =>
        Assert.Equal(("Subject", "Body", "en"), Written(subject, body).In("es"));

    [Fact]
    public void An_announcement_is_never_an_account_message_and_a_schedule_can_be_taken_back()
    {
        var announcement = new Announcement("author", null, null, DateTimeOffset.UtcNow);
        Assert.Throws<ArgumentException>(() => announcement.Write(MessageKind.Account, "S", "B", null, null, new Audience()));
        Assert.True(new Audience().IsEveryone);
        Assert.False(new Audience(Language: "es").IsEveryone);
        announcement.Schedule(DateTimeOffset.UtcNow);
        Assert.True(announcement.IsEditable);
        announcement.Unschedule();
        Assert.Equal(AnnouncementStatus.Draft, announcement.Status);
    }
}
