//! Tests of `io/source.rs` (kept beside it so the module reads in one screen).

use super::*;

fn input(name: &str, text: &str) -> Input {
    Input {
        origin: name.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn names(t: &Table<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    t.for_each_row(&mut problems, |_, c, _, _| {
        out.push(c.get(Field::Name).unwrap_or("-").to_string());
    });
    assert!(problems.is_empty(), "{problems:?}");
    out
}

fn lines_of(i: &Input) -> Vec<String> {
    let mut p = Vec::new();
    let t = tables(i, None, &mut p);
    let mut out = Vec::new();
    for t in &t {
        t.for_each_row(&mut p, |loc, _, _, _| out.push(loc.to_string()));
    }
    out.extend(p.iter().map(ToString::to_string));
    out
}

#[test]
fn crlf_and_quoted_line_breaks_keep_line_numbers_exact() {
    let i = input(
        "communities.csv",
        "name,description\r\nA,x\r\nB,\"two\r\nlines\"\r\nC,y\r\n\r\nD,z\r\n",
    );
    assert_eq!(lines_of(&i), vec![":2", ":3", ":5", ":7"]);
    let lf = input("communities.csv", "name\nA\nB\n");
    assert_eq!(lines_of(&lf), vec![":2", ":3"]);
}

#[test]
fn invalid_utf8_is_reported_on_its_own_line() {
    let mut bytes = b"name,description\nA,ok\nB,\xff\xfe\n".to_vec();
    bytes.extend_from_slice(b"C,ok\n");
    let i = Input {
        origin: "communities.csv".into(),
        bytes,
    };
    let out = lines_of(&i);
    assert!(
        out.iter().any(|l| l.starts_with("communities.csv:3:")),
        "{out:?}"
    );
    let first = Input {
        origin: "communities.csv".into(),
        bytes: b"name\n\xff\n".to_vec(),
    };
    let out = lines_of(&first);
    assert!(
        out.iter().any(|l| l.starts_with("communities.csv:2:")),
        "{out:?}"
    );
}

#[test]
fn csv_with_bom_semicolons_and_quotes() {
    let i = input(
        "komunitas.csv",
        "\u{feff}Nama;Kota\n\"Komunitas \"\"Contoh\"\"; Satu\";33.74\n;\nDua;3374\n",
    );
    let mut p = Vec::new();
    let t = tables(&i, None, &mut p);
    assert!(p.is_empty(), "{p:?}");
    assert_eq!(t[0].kind, Kind::Community);
    assert_eq!(names(&t[0]), vec!["Komunitas \"Contoh\"; Satu", "Dua"]);
}

#[test]
fn unknown_and_foreign_columns_are_problems() {
    let i = input("spaces.csv", "name,colour,subsectors\nA,red,musik\n");
    let mut p = Vec::new();
    tables(&i, None, &mut p);
    let text: Vec<String> = p.iter().map(ToString::to_string).collect();
    assert!(
        text[0].starts_with("spaces.csv:1: column 'colour' is not known"),
        "{text:?}"
    );
    assert!(
        text[1].contains("'subsectors' does not belong to spaces"),
        "{text:?}"
    );
}

#[test]
fn json_arrays_and_objects_keyed_by_kind() {
    let i = input(
        "x.json",
        r#"{"spaces":[{"name":"A","facilities":["x","y"],"lat":-7.5}],"contacts":[{"nama":"B"}]}"#,
    );
    let mut p = Vec::new();
    let t = tables(&i, None, &mut p);
    assert!(p.is_empty(), "{p:?}");
    assert_eq!(t.len(), 2);
    let mut seen = Vec::new();
    let spaces = t.iter().find(|t| t.kind == Kind::Space).expect("spaces");
    spaces.for_each_row(&mut p, |loc, c, _, _| {
        seen.push((
            loc.to_string(),
            c.get(Field::Facilities).map(String::from),
            c.get(Field::Lat).map(String::from),
        ));
    });
    assert_eq!(
        seen,
        vec![(
            ": spaces record 0".to_string(),
            Some("x;y".to_string()),
            Some("-7.5".to_string())
        )]
    );
    let i = input("data.json", r#"[{"name":"A","subsectors":"musik"}]"#);
    let t = tables(&i, None, &mut p);
    assert_eq!(t[0].kind, Kind::Community);
    let i = input("data.json", r#"[{"name":"A"}]"#);
    assert!(tables(&i, None, &mut p).is_empty());
    assert!(p[0].to_string().contains("--kind"), "{p:?}");
}

#[test]
fn delimiter_sniffing_ignores_quoted_text() {
    assert_eq!(sniff_delimiter(b"a;b;c\n1,2"), b';');
    assert_eq!(sniff_delimiter(b"\"a,b,c\";d;e\n"), b';');
    assert_eq!(sniff_delimiter(b"a,b\n"), b',');
    assert_eq!(sniff_delimiter(b"a\tb\tc\n"), b'\t');
}
