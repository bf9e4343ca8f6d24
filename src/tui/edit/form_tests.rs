//! Tests of `tui/edit/form.rs` (kept beside it so the module reads in one screen).

use super::*;

fn typed(form: &mut Form, key: Field, text: &str) {
    form.focus = form
        .fields
        .iter()
        .position(|f| f.key == key)
        .expect("field");
    for c in text.chars() {
        form.edit_text(InputRequest::InsertChar(c));
    }
}

#[test]
fn name_is_required_and_phone_normalises() {
    let mut form = Form::new(Kind::Space);
    assert_eq!(form.validate(), Some(0));
    typed(&mut form, F::Name, "Ruang X");
    typed(&mut form, F::Phone, "0812 3456 7890");
    assert_eq!(form.validate(), None);
    let phone = form.field(F::Phone).expect("phone");
    assert_eq!(phone.note.as_deref(), Some("+6281234567890"));
    let Some(AnyRecord::Space(s)) = form.to_record() else {
        panic!("space")
    };
    assert_eq!(s.channels.phone.as_deref(), Some("+6281234567890"));
    assert!(form.dirty);
}

#[test]
fn bad_values_are_marked() {
    let mut form = Form::new(Kind::Space);
    typed(&mut form, F::Name, "X");
    typed(&mut form, F::Lat, "40");
    typed(&mut form, F::Email, "nope");
    let first = form.validate().expect("problem");
    assert_eq!(form.fields[first].key, F::Lat);
    assert_eq!(
        form.field(F::Email).and_then(|f| f.problem),
        Some(Problem::Email)
    );
    assert!(form.to_record().is_none());
}

#[test]
fn a_role_and_its_dates_need_an_organisation_and_dates_are_saved_as_iso() {
    let mut form = Form::new(Kind::Contact);
    typed(&mut form, F::Name, "Sari");
    typed(&mut form, F::Role, "Ketua");
    typed(&mut form, F::RoleStart, "01/02/2024");
    for key in [F::Role, F::RoleStart] {
        assert_eq!(
            form.field(key).and_then(|f| f.problem),
            Some(Problem::RoleNeedsOrg),
            "{key:?}"
        );
    }
    let org = form.index_of(F::Organisation).expect("organisation field");
    form.choose(
        org,
        Some(Picked {
            id: "org-1".into(),
            label: "ICCN".into(),
        }),
    );
    typed(&mut form, F::RoleEnd, "soon");
    assert_eq!(
        form.field(F::RoleEnd).and_then(|f| f.problem),
        Some(Problem::Date)
    );
    let end = form.index_of(F::RoleEnd).expect("end field");
    form.focus = end;
    for _ in 0..4 {
        form.edit_text(InputRequest::DeletePrevChar);
    }
    typed(&mut form, F::RoleEnd, "2026-12-31");
    assert_eq!(
        form.field(F::RoleStart).and_then(|f| f.note.clone()),
        Some("2024-02-01".into())
    );
    let Some(AnyRecord::Contact(c)) = form.to_record() else {
        panic!("contact")
    };
    assert_eq!(c.roles.len(), 1);
    assert_eq!(c.roles[0].target_id, "org-1");
    assert_eq!(c.roles[0].start.as_deref(), Some("2024-02-01"));
    assert_eq!(c.roles[0].end.as_deref(), Some("2026-12-31"));
    let again = Form::edit(AnyRecord::Contact(c), &|_| Some("ICCN".into()));
    assert_eq!(
        again
            .field(F::RoleStart)
            .map(|f| f.input.value().to_string()),
        Some("2024-02-01".into())
    );
}

#[test]
fn each_role_is_checked_against_its_own_organisation() {
    let mut form = Form::new(Kind::Contact);
    typed(&mut form, F::Name, "Sari");
    let org = form.index_of(F::Organisation).expect("organisation");
    form.choose(
        org,
        Some(Picked {
            id: "org-1".into(),
            label: "ICCN".into(),
        }),
    );
    typed(&mut form, F::Role, "Ketua");
    assert!(form.add_role());
    assert_eq!(form.role_count(), 2);
    let since = form.role_field(1, F::RoleStart).expect("second role");
    form.focus = since;
    for c in "2024-01-01".chars() {
        form.edit_text(InputRequest::InsertChar(c));
    }
    assert_eq!(form.fields[since].problem, Some(Problem::RoleNeedsOrg));
    assert_eq!(form.field(F::RoleStart).and_then(|f| f.problem), None);
    assert!(
        form.to_record().is_none(),
        "refused while role 2 has no organisation"
    );
    // Removing the second role leaves the first whole.
    assert!(form.remove_role());
    assert_eq!(form.role_count(), 1);
    let Some(AnyRecord::Contact(c)) = form.to_record() else {
        panic!("contact")
    };
    assert_eq!(c.roles.len(), 1);
    assert_eq!(c.roles[0].role, "Ketua");
    // The only role is emptied rather than removed; other kinds have no roles.
    form.focus = form.index_of(F::Role).expect("role");
    assert!(form.remove_role());
    assert_eq!(form.role_count(), 1);
    assert!(
        form.field(F::Organisation)
            .is_some_and(|f| f.picked.is_none())
    );
    assert!(!Form::new(Kind::Space).add_role());
}
