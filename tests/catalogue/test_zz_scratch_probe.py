from factories import build_world
import re

def test_probe(client, db):
    w = build_world()
    client.force_login(w.people["publisher"])
    r = client.post("/datasets/new/", {"title": "", "publisher": w.payments.pk, "access_level": "open",
        "contains_personal_data": "on",
        "security_classification": "OFFICIAL", "update_frequency": "irregular",
        "temporal_start_0": "1", "temporal_start_1": "4", "temporal_start_2": "2025",
        "temporal_end_0": "1", "temporal_end_1": "3", "temporal_end_2": "2025"})
    html = r.content.decode()
    for href in re.findall(r'<li><a href="#([^"]+)"', html):
        print(href, f'id="{href}"' in html)
    print(re.findall(r'id="id_temporal_end[^"]*"', html), re.findall(r'id="id_access_level[^"]*"', html))
