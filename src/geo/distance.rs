//! Great-circle distances on a sphere of the WGS84 mean radius, and the lat/lon box that holds
//! every point within a radius (the coarse filter before the exact distance).

use super::GeoBox;

/// The WGS84 mean radius (IUGG R1 = (2a + b) / 3), in km: the sphere the nearby list's distances
/// are measured on. Across Indonesia it stays within ~0.6% of the ellipsoidal distance (see the
/// tests for the worst case).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The great-circle distance in km between two `(lat, lon)` points in degrees (haversine, which
/// stays accurate for the short distances a nearby list is about).
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    // min(1): rounding can push `a` a hair above 1 for antipodal points, and asin would be NaN.
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// The smallest lat/lon box holding every point within `km` of `(lat, lon)`.
///
/// Latitudes are clamped to ±90; near a pole the box spans all longitudes. Longitudes are not
/// wrapped, so a box may reach past ±180 (never the case for Indonesia); a negative or NaN radius
/// counts as 0.
pub fn bbox_for_radius(lat: f64, lon: f64, km: f64) -> GeoBox {
    let km = if km > 0.0 { km } else { 0.0 };
    let ang = km / EARTH_RADIUS_KM; // angular radius, radians
    let phi = lat.to_radians();
    let lat_min = (phi - ang).to_degrees().max(-90.0);
    let lat_max = (phi + ang).to_degrees().min(90.0);
    // The meridians tangent to the circle (not simply ang / cos(lat): the circle is widest north
    // or south of its centre, and this is the exact half-width for the sphere).
    let (lon_min, lon_max) =
        if lat_min <= -90.0 || lat_max >= 90.0 || ang >= std::f64::consts::FRAC_PI_2 {
            (-180.0, 180.0)
        } else {
            let dlon = (ang.sin() / phi.cos()).clamp(-1.0, 1.0).asin().to_degrees();
            (lon - dlon, lon + dlon)
        };
    GeoBox {
        lat_min,
        lat_max,
        lon_min,
        lon_max,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seats from assets/regions/cities.csv.
    const SEMARANG: (f64, f64) = (-6.99306, 110.42083);
    const SALATIGA: (f64, f64) = (-7.33194, 110.49278);
    const BANDUNG: (f64, f64) = (-6.92222, 107.60694);
    const MAKASSAR: (f64, f64) = (-5.14861, 119.43194);
    const JAYAPURA: (f64, f64) = (-2.53371, 140.71813);

    fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
        haversine_km(a.0, a.1, b.0, b.1)
    }

    fn close(got: f64, want: f64, rel: f64) {
        assert!(
            (got - want).abs() <= want * rel,
            "got {got} km, want {want} km ±{rel}"
        );
    }

    #[test]
    fn semarang_to_salatiga_is_about_38_km() {
        // The "about 38 km". Independently computed on the same sphere with the Vincenty
        // sphere formula (atan2 form, Python): 38.5088 km.
        close(km(SEMARANG, SALATIGA), 38.5088, 1e-5);
    }

    #[test]
    fn known_pairs_match_independent_figures() {
        // Same sphere, another formula (Python, atan2 form): agreement to 1e-5.
        close(km(SEMARANG, BANDUNG), 310.6860, 1e-5);
        close(km(BANDUNG, MAKASSAR), 1322.3036, 1e-5);
        close(km(MAKASSAR, JAYAPURA), 2379.1669, 1e-5);
        // GeographicLib 2.1's geodesic on the WGS84 ellipsoid: 38.311, 311.048, 1323.638 and
        // 2381.630 km. The sphere stays within 0.6% of it; a short north-south hop near the
        // equator is the worst case (Semarang-Salatiga: +0.52%), because the meridian's radius of
        // curvature there is ~6336 km, not 6371.
        close(km(SEMARANG, SALATIGA), 38.311, 0.006);
        close(km(SEMARANG, BANDUNG), 311.048, 0.006);
        close(km(BANDUNG, MAKASSAR), 1323.638, 0.006);
        close(km(MAKASSAR, JAYAPURA), 2381.630, 0.006);
    }

    #[test]
    fn distance_basics() {
        assert!(km(SEMARANG, SEMARANG).abs() < 1e-9);
        assert!((km(SEMARANG, SALATIGA) - km(SALATIGA, SEMARANG)).abs() < 1e-9);
        // A degree of latitude on this sphere: 2πR/360.
        close(haversine_km(0.0, 110.0, 1.0, 110.0), 111.195, 1e-5);
        // Antipodes: half the circumference, not NaN.
        close(
            haversine_km(0.0, 0.0, 0.0, 180.0),
            std::f64::consts::PI * EARTH_RADIUS_KM,
            1e-9,
        );
    }

    #[test]
    fn radius_box_holds_the_circle_and_is_tight() {
        for &(lat, lon) in &[SEMARANG, JAYAPURA, (6.0, 95.3), (-11.0, 123.0)] {
            for r in [0.0, 1.0, 38.0, 50.0, 500.0] {
                let b = bbox_for_radius(lat, lon, r);
                // Walk the circle: every point on it is inside the box.
                for step in 0..360 {
                    let (plat, plon) = destination(lat, lon, f64::from(step), r);
                    let eps = 1e-9;
                    assert!(plat >= b.lat_min - eps && plat <= b.lat_max + eps);
                    assert!(plon >= b.lon_min - eps && plon <= b.lon_max + eps);
                }
                // Tight: the box's edge midpoints are at the radius (so no needless scanning).
                assert!((haversine_km(lat, lon, b.lat_max, lon) - r).abs() < 1e-6 * r.max(1.0));
                if r > 0.0 {
                    let widest = (0..3600)
                        .map(|s| destination(lat, lon, f64::from(s) / 10.0, r).1)
                        .fold(f64::MIN, f64::max);
                    assert!(
                        (widest - b.lon_max).abs() < 1e-4,
                        "{widest} vs {}",
                        b.lon_max
                    );
                }
            }
        }
    }

    #[test]
    fn radius_box_edge_cases() {
        let b = bbox_for_radius(-7.0, 110.0, -5.0);
        assert_eq!((b.lat_min, b.lon_min), (-7.0, 110.0));
        let b = bbox_for_radius(89.9, 10.0, 50.0);
        assert_eq!((b.lat_max, b.lon_min, b.lon_max), (90.0, -180.0, 180.0));
    }

    /// The point `km` from `(lat, lon)` on `bearing` degrees (spherical direct problem).
    fn destination(lat: f64, lon: f64, bearing: f64, km: f64) -> (f64, f64) {
        let (p1, l1, th, d) = (
            lat.to_radians(),
            lon.to_radians(),
            bearing.to_radians(),
            km / EARTH_RADIUS_KM,
        );
        let p2 = (p1.sin() * d.cos() + p1.cos() * d.sin() * th.cos()).asin();
        let l2 = l1 + (th.sin() * d.sin() * p1.cos()).atan2(d.cos() - p1.sin() * p2.sin());
        (p2.to_degrees(), l2.to_degrees())
    }
}
