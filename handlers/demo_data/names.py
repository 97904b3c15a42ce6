"""Fictitious names and places for the demo Pemda, flavoured by region: Balinese names in
Badung, Minang in Dharmasraya, Sundanese in Banten, Banjar in Hulu Sungai Utara, Javanese
in Surakarta. Any likeness to a real person is a coincidence."""
from __future__ import annotations


def _combine(firsts: str, lasts: str) -> list[str]:
    return [f"{a} {b}" for a in firsts.split(",") for b in lasts.split(",")]


PLACES = {
    "nasional": {"region": "Kabupaten Sukamaju", "kec": "Sukamaju Kota", "pkm": "Sukamaju"},
    "dharmasraya": {"region": "Kabupaten Dharmasraya", "kec": "Pulau Punjung", "pkm": "Sungai Dareh"},
    "badung": {"region": "Kabupaten Badung", "kec": "Kuta Utara", "pkm": "Kuta Utara I"},
    "banten": {"region": "Provinsi Banten", "kec": "Curug", "pkm": "Curug"},
    "hulu-sungai-utara": {"region": "Kabupaten Hulu Sungai Utara", "kec": "Amuntai Tengah", "pkm": "Amuntai"},
    "surakarta": {"region": "Kota Surakarta", "kec": "Laweyan", "pkm": "Pajang"},
}

NAMES = {
    "nasional": {
        1: _combine("Agus,Budi,Hendra,Rudi,Andi,Fajar,Dimas,Yusuf,Rizal,Teguh",
                    "Santoso,Wijaya,Saputra,Hidayat,Kurniawan,Pratama,Nugroho,Setiawan"),
        2: _combine("Sri,Dewi,Rina,Maya,Intan,Nurul,Lestari,Ratna,Fitri,Wulan",
                    "Handayani,Puspitasari,Anggraini,Rahmawati,Lestari,Permatasari,Safitri,Kusuma"),
    },
    "dharmasraya": {
        1: _combine("Afrizal,Dedi,Hendri,Nofrizal,Yulianto,Zulkifli,Rahmat,Irwan,Syafrizal,Fauzan",
                    "Syafrianto,Putra,Chaniago,Piliang,Tanjung,Sikumbang,Koto,Caniago"),
        2: _combine("Yulia,Rini,Fitria,Wirda,Desi,Elvi,Nofita,Yesi,Rahmi,Silvia",
                    "Fitri,Novita,Yanti,Sari,Marlina,Wati,Rosa,Dewita"),
    },
    "badung": {
        1: _combine("I Wayan,I Made,I Nyoman,I Ketut,I Putu,I Gede,I Komang,I Kadek,I Gusti Ngurah,Anak Agung Gede",
                    "Sudarsana,Suardana,Artawan,Wirawan,Sukadana,Arimbawa,Mahendra,Adnyana"),
        2: _combine("Ni Wayan,Ni Made,Ni Nyoman,Ni Ketut,Ni Putu,Ni Luh,Ni Komang,Ni Kadek,Desak Made,"
                    "Anak Agung Ayu", "Suartini,Sukerti,Widiastuti,Purnamasari,Ariani,Sumiati,Astiti,Yuliantari"),
    },
    "banten": {
        1: _combine("Asep,Dadang,Ujang,Cecep,Deden,Endang,Iwan,Yayat,Ahmad,Agus",
                    "Saepudin,Suhendar,Hidayat,Sopian,Kurnia,Rohmat,Mulyana,Permana"),
        2: _combine("Euis,Neng,Siti,Iis,Yeni,Lilis,Tati,Eti,Imas,Rika",
                    "Komariah,Rohmah,Nurhasanah,Maryati,Sumiati,Rosita,Hasanah,Jubaedah"),
    },
    "hulu-sungai-utara": {
        1: _combine("Muhammad,Ahmad,Rahmadi,Fahriannor,Jumberi,Syahrani,Rusdi,Hairil,Aspiannor,Abdul",
                    "Noor,Rifani,Anshari,Hidayat,Arsyad,Ramli,Mahmud,Fauzi"),
        2: _combine("Siti,Norhayati,Aulia,Rahmah,Mariani,Hayatun,Fitriani,Nurul,Husnul,Laila",
                    "Aulia,Hasanah,Rahmi,Khadijah,Mawaddah,Jannah,Rusmiati,Normila"),
    },
    "surakarta": {
        1: _combine("Bambang,Joko,Wahyu,Suparman,Budi,Sigit,Heru,Slamet,Dwi,Eko",
                    "Sutrisno,Purnomo,Widodo,Santoso,Wibowo,Prasetyo,Susilo,Hartono"),
        2: _combine("Sri,Endang,Tri,Rini,Dwi,Sulistyo,Retno,Wahyu,Siti,Yuni",
                    "Hartini,Wahyuningsih,Lestari,Rahayu,Purwanti,Mulyani,Astuti,Ningsih"),
    },
}
