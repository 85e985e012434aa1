"""Files that are not what they seem (links out of the project, pipes,
devices, folders, huge files) are refused before they are opened; files
that only look odd (editor files, a BOM, CRLF) are accepted. Each run is
the real command on a built copy of the project, which must stay as it was
whenever the run fails."""

from __future__ import annotations

import os
import shutil
import zipfile

import pytest

from hostile import bocompile, errors, line_of, png, put, refused, state, third_line_of_a_paragraph, use_images, visible

#: files read by a build, one of each kind: a listed source, a CSV found by
#: listing sources/data, an amendment, the config, a language file, the
#: reference document
READ_FILES = [
    "sources/nl/definities.md",
    "sources/data/budget-fod.csv",
    "sources/fr/amendments/wijziging-2.md",
    "sources/agreement.toml",
    "templates/lang/fr.toml",
    "templates/docx/reference.docx",
]


@pytest.mark.parametrize("rel", READ_FILES)
def test_a_link_leading_out_of_the_project_is_refused_even_to_a_good_file(built, tmp_path, rel):
    outside = tmp_path / "outside" / rel.rsplit("/", 1)[-1]
    outside.parent.mkdir()
    shutil.copy(built / rel, outside)  # the same content: only the link is wrong
    (built / rel).unlink()
    (built / rel).symlink_to(outside)
    found = refused(built)
    assert (
        f"{rel}: error: {rel} is a symbolic link to {outside}, outside the project; copy the file "
        "into the project instead" in found
    )


def test_a_language_folder_linked_out_of_the_project_is_not_even_listed(built, tmp_path):
    shutil.copytree(built / "sources/fr", tmp_path / "fr")
    shutil.rmtree(built / "sources/fr")
    (built / "sources/fr").symlink_to(tmp_path / "fr")
    found = refused(built)
    assert (
        f"sources/fr: error: sources/fr is a symbolic link to {tmp_path / 'fr'}, outside the project; "
        "copy the file into the project instead" in found
    )


def test_an_image_linked_out_of_the_project_is_refused_at_the_figure(built, tmp_path):
    (tmp_path / "chart.png").write_bytes(png(30, 20))
    (built / "sources/images").mkdir()
    (built / "sources/images/chart.png").symlink_to(tmp_path / "chart.png")
    lines = use_images(built, {"nl": "images/chart.png", "fr": "images/chart.png"})
    found = refused(built)
    for lang in ("nl", "fr"):
        assert (
            f"sources/{lang}/doelstellingen.md:{lines[lang]}: error: sources/images/chart.png is a "
            f"symbolic link to {tmp_path / 'chart.png'}, outside the project" in " ".join(found)
        )


def test_a_link_inside_the_project_is_followed(built_template, built):
    (built / "sources/common").mkdir()
    os.replace(built / "sources/fr/transversaal.md", built / "sources/common/transversaal-fr.md")
    (built / "sources/fr/transversaal.md").symlink_to("../common/transversaal-fr.md")
    assert bocompile("-C", str(built), "--consolidate").returncode == 0
    assert visible(built / "output") == visible(built_template / "output")


def test_a_loop_of_links_is_refused(built):
    (built / "sources/nl/definities.md").unlink()
    (built / "sources/nl/definities.md").symlink_to("definities.md")
    assert (
        "sources/nl/definities.md: error: sources/nl/definities.md cannot be followed: a loop of "
        "symbolic links; replace the link by the file" in refused(built)
    )


@pytest.mark.parametrize("rel", READ_FILES + ["sources/data/extra.csv"])
def test_a_named_pipe_is_never_opened(built, rel):
    if (built / rel).exists():
        (built / rel).unlink()
    os.mkfifo(built / rel)
    found = refused(built)  # opening the pipe would block: the run would time out
    assert f"{rel}: error: {rel} is a named pipe (FIFO), not a regular file" in found


def test_a_named_pipe_as_image_is_never_opened(built):
    (built / "sources/images").mkdir()
    os.mkfifo(built / "sources/images/chart.png")
    lines = use_images(built, {"nl": "images/chart.png", "fr": "images/chart.png"})
    assert (
        f"sources/nl/doelstellingen.md:{lines['nl']}: error: sources/images/chart.png is a named pipe "
        "(FIFO), not a regular file" in refused(built)
    )


def test_a_device_is_never_opened(built):
    path = built / "sources/data/budget-fod.csv"
    path.unlink()
    try:
        os.mknod(path, 0o600 | 0o020000, os.makedev(1, 5))  # a character device: /dev/zero's numbers
    except PermissionError:
        pytest.skip("creating a device node needs root (CAP_MKNOD)")
    assert (
        "sources/data/budget-fod.csv: error: sources/data/budget-fod.csv is a character device, "
        "not a regular file" in refused(built)
    )


def test_a_folder_where_a_file_is_expected(built):
    (built / "templates/docx/reference.docx").unlink()
    (built / "templates/docx/reference.docx").mkdir()
    (built / "sources/images/chart.png").mkdir(parents=True)
    lines = use_images(built, {"nl": "images/chart.png", "fr": "images"})
    found = refused(built, "check")
    assert (
        f"sources/nl/doelstellingen.md:{lines['nl']}: error: sources/images/chart.png is a directory, "
        "not a regular file" in found
    )
    assert (
        f"sources/fr/doelstellingen.md:{lines['fr']}: error: sources/images is a directory, not a regular file" in found
    )


@pytest.mark.parametrize(
    "rel, size, limit",
    [
        ("sources/nl/definities.md", 11 * 2**20, "10.0 MB"),
        ("templates/lang/nl.toml", 10 * 2**20 + 1, "10.0 MB"),
        ("templates/docx/reference.docx", 51 * 2**20, "50.0 MB"),
    ],
)
def test_files_over_the_limit_are_refused_before_reading(built, rel, size, limit):
    os.truncate(built / rel, size)  # sparse: nothing is read to know the size
    found = refused(built)
    assert any(e.startswith(f"{rel}: error: {rel} is {size / 2**20:.1f} MB; the limit is {limit}") for e in found), (
        found
    )


def test_an_image_over_the_limit_is_refused_at_the_figure(built):
    (built / "sources/images").mkdir()
    image = built / "sources/images/chart.png"
    image.write_bytes(png(30, 20))
    os.truncate(image, 60 * 2**20)
    lines = use_images(built, {"nl": "images/chart.png", "fr": "images/chart.png"})
    assert (
        f"sources/fr/doelstellingen.md:{lines['fr']}: error: sources/images/chart.png is 60.0 MB; "
        "the limit is 50.0 MB" in refused(built)
    )


# -- valid input that only looks odd ---------------------------------------------------

EDITOR_FILES = [".#{}", "{}~", ".{}.swp", "#{}#"]


def test_editor_lock_and_backup_files_are_ignored(built_template, built):
    for folder, name in [
        ("sources/nl", "definities.md"),
        ("sources/fr/amendments", "wijziging-1.md"),
        ("sources/data", "budget-fod.csv"),
    ]:
        for pattern in EDITOR_FILES:
            (built / folder / pattern.format(name)).write_bytes(b"\x00 half-saved \xff")
        (built / folder / f".#lock-{name}").symlink_to("user@host.4242:1700000000")  # Emacs' dangling lock
    assert bocompile("-C", str(built), "--consolidate").returncode == 0
    assert visible(built / "output") == visible(built_template / "output")


def _text_files(project):
    return [
        p
        for top in ("sources", "templates")
        for p in sorted((project / top).rglob("*"))
        if p.suffix in (".md", ".toml", ".csv")
    ]


@pytest.mark.parametrize("endings", [("\r\n",), ("\r\n", "\n", "\r")], ids=["crlf", "mixed"])
def test_bom_and_any_line_endings_give_the_same_documents(built_template, built, endings):
    for path in _text_files(built):
        lines = path.read_text(encoding="utf-8").split("\n")
        text = "".join(line + endings[n % len(endings)] for n, line in enumerate(lines[:-1])) + lines[-1]
        path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert bocompile("-C", str(built), "--consolidate").returncode == 0
    assert visible(built / "output") == visible(built_template / "output")


def test_line_numbers_are_right_with_crlf_and_a_bom(built):
    for lang in ("nl", "fr"):
        path = built / f"sources/{lang}/verbintenissen.md"
        line, text = third_line_of_a_paragraph(path)
        column = len(text) + 2
        put(path, line, len(text) + 1, " [[nergens]]")
        path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode())
        assert (
            f"sources/{lang}/verbintenissen.md:{line}:{column}: error: [[nergens]] refers to no part, "
            "section or article; use an existing key" in refused(built)
        )


def test_a_figure_may_have_an_image_per_language(built):
    (built / "sources/images").mkdir()
    (built / "sources/images/chart-nl.png").write_bytes(png(40, 20, grey=0x20))
    (built / "sources/images/chart-fr.png").write_bytes(png(40, 20, grey=0xE0))
    use_images(built, {"nl": "images/chart-nl.png", "fr": "images/chart-fr.png"})
    assert bocompile("-C", str(built)).returncode == 0
    for lang, name in (("nl", "chart-nl.png"), ("fr", "chart-fr.png")):
        with zipfile.ZipFile(built / f"output/base/{lang}.docx") as document:
            media = [n for n in document.namelist() if n.startswith("word/media/")]
            assert [document.read(n) for n in media] == [(built / "sources/images" / name).read_bytes()]
    with zipfile.ZipFile(built / "output/base/nl-fr.docx") as both:
        assert len([n for n in both.namelist() if n.startswith("word/media/")]) == 2
    akn = (built / "output/base/fr.akn.xml").read_text(encoding="utf-8")
    assert 'src="images/chart-fr.png"' in akn and "chart-nl" not in akn


def test_an_image_in_one_language_and_a_placeholder_in_the_other_is_an_error(built):
    (built / "sources/images").mkdir()
    (built / "sources/images/chart.png").write_bytes(png(40, 20))
    nl = use_images(built, {"nl": "images/chart.png"})["nl"]
    fr = line_of(built / "sources/fr/doelstellingen.md", "]()")
    assert refused(built) == [
        f"sources/fr/doelstellingen.md:{fr}: error: figure in article 'structuur' is an image in one "
        f"language and a placeholder in another (nl: an image at sources/nl/doelstellingen.md:{nl}; "
        f"fr: a placeholder () at sources/fr/doelstellingen.md:{fr})"
    ]


def test_every_image_of_every_language_is_checked(built):
    (built / "sources/images").mkdir()
    (built / "sources/images/chart-nl.png").write_bytes(png(40, 20))
    (built / "sources/images/chart-fr.png").write_bytes(b"not a picture")
    lines = use_images(built, {"nl": "images/chart-nl.png", "fr": "images/chart-fr.png"})
    assert refused(built) == [
        f"sources/fr/doelstellingen.md:{lines['fr']}: error: image 'images/chart-fr.png' "
        "is not a PNG, JPEG, GIF, BMP or TIFF file that can be embedded; export it again "
        "in one of these formats"
    ]


def test_a_stray_pipe_in_sources_is_left_alone(built):
    """Neither bocompile nor this harness opens what no source names."""
    os.mkfifo(built / "sources/pipe")
    assert state(built)["sources/pipe"] == "p"
    assert errors(bocompile("-C", str(built), "check")) == []


def test_an_xliff_file_that_is_a_pipe_is_never_opened(built, tmp_path):
    os.mkfifo(tmp_path / "vertaling.xlf")
    found = refused(built, "xliff", "import", str(tmp_path / "vertaling.xlf"))
    assert found == [
        f"{tmp_path / 'vertaling.xlf'}: error: {tmp_path / 'vertaling.xlf'} is a named pipe (FIFO), not a regular file"
    ]


def test_a_translation_ledger_nested_past_tomllib_is_an_error(built):
    (built / "sources/translations.lock").write_text("x = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    found = refused(built, "status")
    assert len(found) == 1 and found[0].startswith(
        "sources/translations.lock:1: error: the translation ledger is not valid TOML"
    ), found
