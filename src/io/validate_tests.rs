//! Tests of `io/validate.rs` (kept beside it so the module reads in one screen).

use super::*;

#[test]
fn a_line_break_in_a_one_line_field_points_at_an_open_quote() {
    let e = text("Unclosed,33.74\nB,33.74", false).expect_err("line break");
    assert_eq!(
        e,
        "\"Unclosed,33.74\u{240A}B,33.74\" holds a line break at character 15; this field is \
         one line (is a quote \" left open in a CSV cell?)"
    );
}

#[test]
fn phones_normalise_every_common_spelling() {
    for input in [
        "0812-3456-7890",
        "0812 3456 7890",
        "081234567890",
        "6281234567890",
        "+6281234567890",
        "+62 812.3456.7890",
        "81234567890",
        "+62 0812 3456 7890",
        "(0812) 3456-7890",
    ] {
        assert_eq!(phone(input).as_deref(), Ok("+6281234567890"), "{input}");
    }
    assert_eq!(phone("(022) 2501234").as_deref(), Ok("+62222501234"));
    assert_eq!(phone("021-5790-1234").as_deref(), Ok("+622157901234"));
}

#[test]
fn phones_refuse_nonsense_and_say_so() {
    for input in [
        "0812-xx",
        "12345",
        "0812",
        "+62",
        "",
        "abc",
        "0841234567",
        "+999123",
    ] {
        let err = phone(input).expect_err(input);
        assert!(err.contains("not a valid"), "{err}");
    }
    assert_eq!(
        phone("0812-xx").expect_err("x"),
        "\"0812-xx\" is not a valid Indonesian number"
    );
    assert_eq!(phone("+65 6123 4567").as_deref(), Ok("+6561234567"));
}

#[test]
fn mobile_fast_path_agrees_with_the_metadata() {
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..20_000 {
        let len = rng.usize(7..14);
        let national: String = std::iter::once('8')
            .chain((1..len).map(|_| char::from(b'0' + rng.u8(0..10))))
            .collect();
        let meta = phonenumber::parse(None, format!("+62{national}")).is_ok_and(|n| n.is_valid());
        if is_mobile(national.as_bytes()) {
            assert!(meta, "fast path accepts {national} but metadata refuses");
        }
        assert_eq!(phone(&national).is_ok(), meta, "{national}");
    }
}

#[test]
fn national_format_for_display() {
    assert_eq!(format_national("+6281234567890"), "0812-3456-7890");
    assert_eq!(format_national("+62222501234"), "(022) 2501234");
    assert_eq!(format_national("garbage"), "garbage");
}

#[test]
fn whatsapp_yes_means_the_phone() {
    assert_eq!(
        whatsapp("ya", Some("+6281234567890")),
        Ok(Some("+6281234567890".into()))
    );
    assert_eq!(whatsapp("", Some("+62812")), Ok(None));
    assert_eq!(whatsapp("tidak", None), Ok(None));
    assert!(whatsapp("yes", None).is_err());
    assert_eq!(
        whatsapp("0813-1111-2222", None),
        Ok(Some("+6281311112222".into()))
    );
}

#[test]
fn text_refuses_controls_and_long_values() {
    assert_eq!(text("  a  ", false), Ok(Some("a".into())));
    assert_eq!(text("   ", false), Ok(None));
    assert_eq!(text("a\nb", true), Ok(Some("a\nb".into())));
    let err = text("a\nb", false).expect_err("newline");
    assert!(err.contains("line break at character 2"), "{err}");
    let err = text("bell\u{7}", true).expect_err("bell");
    assert!(
        err.contains("\"bell\u{2407}\" contains the control character U+0007")
            && err.contains("character 5"),
        "{err}"
    );
    let err = text(&"x".repeat(MAX_TEXT + 1), true).expect_err("long");
    assert!(err.contains("4096"), "{err}");
    assert!(text(&"x".repeat(MAX_TEXT), true).is_ok());
    let err = text("a\u{85}b", true).expect_err("C1 control");
    assert!(err.contains("U+0085"), "{err}");
    assert_eq!(checked_text(" é\u{a0}x ", false), Ok("é\u{a0}x"));
}

#[test]
fn emails_urls_and_handles() {
    assert_eq!(email(" info@iccn.or.id "), Ok("info@iccn.or.id".into()));
    for bad in ["info", "a@b", "@x.id", "a b@x.id", "a@x..id"] {
        assert!(email(bad).is_err(), "{bad}");
    }
    assert_eq!(url("iccn.or.id"), Ok("https://iccn.or.id".into()));
    assert_eq!(url("http://x.id/a?b=1"), Ok("http://x.id/a?b=1".into()));
    for bad in ["ftp://x.id", "not a url", "localhost", "https://"] {
        assert!(url(bad).is_err(), "{bad}");
    }
    for ok in [
        "@hetero.space",
        "https://www.instagram.com/hetero.space/",
        "hetero.space",
    ] {
        assert_eq!(instagram(ok), Ok("hetero.space".into()), "{ok}");
    }
    assert!(instagram("has space").is_err());
    assert!(instagram(&"a".repeat(31)).is_err());
}

#[test]
fn years_coordinates_dates_visibility() {
    assert_eq!(year("2015"), Ok(2015));
    assert!(year("1899").is_err());
    assert!(year("3000").is_err());
    assert!(year("soon").is_err());
    assert_eq!(lat("-7,06"), Ok(-7.06));
    assert_eq!(lon("110.42"), Ok(110.42));
    assert!(
        lat("48.85")
            .expect_err("paris")
            .contains("outside Indonesia")
    );
    assert!(lon("2.35").is_err());
    assert!(lat("NaN").is_err());
    assert_eq!(date("2024-10-21"), Ok("2024-10-21".into()));
    assert_eq!(date("21/10/2024"), Ok("2024-10-21".into()));
    assert!(date("2024-13-01").is_err());
    assert!(date("2023-02-29").is_err(), "no such day");
    assert_eq!(date(" 2024-02-29 "), Ok("2024-02-29".into()));
    assert!(date("2024-1-011").is_err());
    assert_eq!(visibility("Publik"), Ok(Visibility::Public));
    assert!(visibility("secret").is_err());
}

#[test]
fn subsectors_map_spellings_and_keep_free_tags() {
    assert_eq!(
        subsectors("Fashion; Kerajinan;kopi;fesyen"),
        Ok(vec!["fesyen".into(), "kriya".into(), "kopi".into()])
    );
    assert_eq!(
        subsectors("Aplikasi dan Game Developer"),
        Ok(vec!["aplikasi".into(), "pengembang_permainan".into()])
    );
    assert_eq!(subsectors(""), Ok(vec![]));
}
