<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="id_ID">
<context>
    <name>AdminPanel</name>
    <message>
        <source>Panel admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panel admin kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masuk sebagai: {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cetak halaman uji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ulangi cetakan tertunda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sinkronisasi dengan MPP Induk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sinkronkan sekarang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alamat server MPP Induk, mis. https://mpp.kukarkab.go.id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode pendaftaran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daftarkan ke MPP Induk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keluar dari aplikasi kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kembali ke kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Halaman uji dikirim ke printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} cetakan dikirim ulang.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mendaftarkan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terdaftar untuk situs {s}. Sinkronisasi berjalan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum terdaftar: {e}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnnouncementsPage</name>
    <message>
        <source>Teks berjalan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dari</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teks untuk layar TV, mis. Loket 2 istirahat pukul 12.00–13.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sampai dihapus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> jam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tayangkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hapus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(MPP Induk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teks berjalan tayang di layar TV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teks berjalan dihapus.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Layar terlalu kecil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layar ini {w}×{h}: kiosk, loket dan layar TV sekaligus perlu layar paling sedikit {nw}×{nh}. Ketiganya dibuka sebagai jendela yang bertumpuk (pindah dengan Alt+Tab). Untuk pemakaian sehari-hari jalankan kiosk dan TV di layar atau PC lain (peran kiosk, display).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApplicationsTab</name>
    <message>
        <source>Nomor registrasi, NIK (16 angka) atau nama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cari</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor registrasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serahkan hasil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tandai siap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tolak (alasan)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cetak ulang tanda terima</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ditemukan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pilih permohonan dari daftar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No. HP: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desa/kelurahan: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alamat: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alasan penolakan: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hasil diserahkan kepada pemohon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ditandai siap diambil.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tolak permohonan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alasan penolakan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permohonan ditolak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salinan tanda terima sedang dicetak.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookingPage</name>
    <message>
        <source>Punya kode booking?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ketik kode booking Anda, atau arahkan QR booking ke pemindai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mis. K7QM-4TZ5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterCard</name>
    <message>
        <source>LOKET {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISTIRAHAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TUTUP</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <source>Loket dan layanannya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor loket PC ini dan layanan yang dipanggil di loket ini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor loket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layanan di loket ini (centang paling sedikit satu):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterView</name>
    <message>
        <source>Loket {n} — {site}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situs belum disiapkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Petugas: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum masuk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({role}) · Loket {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antrian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permohonan baru</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cari permohonan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Istirahat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alasan istirahat (mis. sholat, makan siang):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CountersPage</name>
    <message>
        <source>Loket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Istirahat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alasan istirahat (mis. sholat)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layanan yang dipanggil loket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simpan layanan loket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>istirahat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tutup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket {n} memanggil: {s}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisplayView</name>
    <message>
        <source>Panggilan terakhir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menunggu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada loket yang diatur.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selamat datang di {site}. Ambil nomor antrian di kiosk, lalu tunggu nomor Anda dipanggil. Layanan tanpa biaya tambahan; laporkan pungutan liar ke SP4N-LAPOR!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+{n} lainnya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada panggilan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada yang menunggu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Selesai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periksa ringkasan, lalu tekan Selesai untuk menyimpan dan memulai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode untuk PC berikutnya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situs: bergabung ke hub {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (Kecamatan {name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama PC ini di hub: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kecamatan: {name} ({code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situs: PC ini memegang data situs (hub); loket dan TV lain bergabung ke sini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peran PC ini: {role}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket {n}: {services}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server MPP Induk: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server MPP Induk: belum (offline; daftarkan nanti)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: {label}, kertas {w} mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor: {name} ({user})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor: yang sudah ada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menyimpan penyiapan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bergabung ke hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pendaftaran gagal: {e}. PC ini tetap bekerja offline; daftarkan nanti dengan `kiosk enroll`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mulai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Tersimpan. PC ini hub situs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untuk setiap PC loket atau TV: jalankan penyiapan di PC itu, pilih &quot;Gabung ke hub situs ini&quot; dan ketik kode pasangan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alamat hub: {urls}
Sidik jari: {fp}…
Berlaku {m} menit, satu kode untuk satu PC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mendaftarkan PC ini ke server…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Ambil Antrian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket sedang istirahat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ambil nomor antrian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selamat datang! Mau mengurus apa hari ini? Sentuh untuk ambil nomor antrian.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer sedang bermasalah — catat/foto nomor Anda setelah mengambil antrian.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semua layanan, per instansi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info Layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persyaratan, waktu dan biaya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cek Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lihat perkembangan permohonan Anda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Survei Kepuasan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beri nilai pelayanan kami</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cari layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Punya kode booking?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prioritas (lansia, disabilitas, ibu hamil)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HubIndicator</name>
    <message>
        <source>Hub: PC ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub dipindah ke PC lain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub tidak terhubung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} di spool</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InfoPage</name>
    <message>
        <source>Cetak info ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persyaratan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prosedur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waktu penyelesaian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Biaya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hasil layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pengaduan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silakan ambil kertas info di bawah layar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maaf, printer sedang bermasalah. Silakan tanyakan kepada petugas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sedang dicetak…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntakeTab</name>
    <message>
        <source>Layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama pemohon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No. HP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desa/Kelurahan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>16 angka sesuai KTP/KK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mis. 0812-3456-7890 (boleh kosong)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ketik untuk mencari desa/kelurahan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RT, jalan, nomor rumah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dokumen yang diterima</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kosongkan formulir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simpan &amp;&amp; Cetak Tanda Terima</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cetak 2 lembar (pemohon + arsip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tautkan ke tiket {n} yang sedang dilayani</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada tiket yang sedang dilayani</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layanan ini tidak punya daftar persyaratan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} dari 16 angka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>perempuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>laki-laki</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lahir {d}, {s}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK wajib diisi (16 angka)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periksa isian yang ditandai merah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pilih desa/kelurahan dari daftar (atau kosongkan).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tersimpan: {r} — {n} ({s}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanda terima belum tercetak: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanda terima sedang dicetak.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JoinPage</name>
    <message>
        <source>Hub situs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pilih hub yang ditemukan di jaringan atau ketik alamatnya, lalu kode pasangan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub di jaringan ini:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cari lagi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alamat hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode pasangan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mis. K7QM-4TZ9 (tampil di PC hub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama PC ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mis. loket-2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode pasangan tampil di PC hub setelah penyiapannya (atau `kiosk hub pair`). Satu kode untuk satu PC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mencari hub di jaringan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kecamatan {site} — {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} hub ditemukan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada hub yang ditemukan: ketik alamatnya (tampil di PC hub).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menghubungi hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Hub Kecamatan {site} (PC {name}) menjawab. Sidik jari: {fp}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub tidak bisa dihubungi: {e}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskView</name>
    <message>
        <source>Mal Pelayanan Publik · Kabupaten Kutai Kartanegara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ambil Antrian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info Layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Survei Kepuasan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layanan apa yang Anda terima hari ini? Pilih instansinya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pilih instansi yang Anda tuju.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{flow} — Pilih instansi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pilih layanan Anda, atau instansinya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{agency} — Pilih layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antrian prioritas: {label}. Anda dilayani lebih dulu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Bahasa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bahasa tampilan petugas di PC ini. Kiosk warga selalu mulai dalam Bahasa Indonesia.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pilih bahasa:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Loket {n} — masuk petugas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <source>Kembali</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beranda</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnScreenKeypad</name>
    <message>
        <source>Hapus satu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hapus semua</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OperatorsPage</name>
    <message>
        <source>Nama pengguna</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN baru</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Atur ulang PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ganti peran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nonaktifkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tambah petugas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN (6 angka)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tambah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teknisi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aktif</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nonaktif</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Petugas {u} ditambahkan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN {u} diatur ulang (dan kuncinya dibuka).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peran {u} diganti.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Akun {u} dinonaktifkan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Masuk supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintQueuePage</name>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cetakan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Percobaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kesalahan terakhir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ulangi yang dipilih</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ulangi semua yang gagal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cetak ulang (salinan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} cetakan dikirim ulang.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salinan {t} dicetak.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrinterIndicator</name>
    <message>
        <source>{n} menunggu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: siap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: mencetak…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: kertas hampir habis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: kertas habis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: tutup terbuka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: gagal mencetak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: belum diketahui</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: modul cetak belum ada</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <source>Memindai jaringan (port 9100)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mencari printer di PC ini…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(tidak ada printer terdeteksi)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} printer jaringan menjawab di port 9100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer jaringan? Tekan Pindai jaringan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tanpa printer: berkas PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>printer uji (tidak mencetak)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pilih printer yang terdeteksi atau ketik URI-nya, lalu cetak halaman uji.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer terdeteksi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pindai jaringan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URI printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mis. escpos+usb://04b8:0202 atau escpos+tcp://192.168.1.50:9100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanpa printer (PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lebar kertas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cetak uji (dengan pratinjau)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mencetak halaman uji…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Halaman uji terkirim. Periksa kertasnya: sama dengan pratinjau?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cetak uji gagal: {e}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PriorityPage</name>
    <message>
        <source>Apakah Anda termasuk prioritas?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lansia, penyandang disabilitas dan ibu hamil dilayani lebih dulu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lansia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>60 tahun ke atas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabilitas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Penyandang disabilitas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ibu Hamil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak, bukan prioritas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ambil nomor antrian biasa</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueTab</name>
    <message>
        <source>Panggil berikutnya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panggil ulang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layani</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak hadir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kembalikan ke antrian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menunggu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prioritas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada tiket aktif</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tekan F1 untuk memanggil nomor berikutnya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sedang dilayani</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dipanggil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selesai &amp; panggil berikutnya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layani (warga sudah datang)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor, mis. A-005</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panggil nomor ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Istirahat…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seluruh antrian situs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dilayani</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dipanggil ulang {n}×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{m} menit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menunggu ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada yang menunggu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket istirahat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket tutup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket buka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hari ini Anda: belum ada warga selesai dilayani.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hari ini Anda: {n} warga dilayani</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waktu layanan median {m} menit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada yang menunggu untuk loket ini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} selesai. Tidak ada yang menunggu untuk loket ini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor {n} dipanggil ke loket {c}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor {n} dipanggil ulang.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Melayani {n}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} selesai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} tidak hadir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} dikembalikan ke antrian.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dialihkan ke loket {c}: nomor baru {n}; tiketnya dicetak untuk warga.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dialihkan: nomor baru {n} ({s}); tiketnya dicetak untuk warga.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <source>Peran PC ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC ini dan situsnya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satu Mini MPP = satu situs: satu PC memegang datanya (hub), PC lain bergabung.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC ini memegang data situs (hub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC pertama Mini MPP ini, biasanya PC kiosk. Loket dan TV di PC lain bergabung ke sini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gabung ke hub situs ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub sudah disiapkan di PC lain: PC ini memakai antrian dan data yang sama.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk warga (layar sentuh)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ambil antrian, info layanan, cek status, survei. Layar penuh, tidak bisa ditutup warga.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket petugas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panggil antrian, terima permohonan, cetak tanda terima.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layar TV antrian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor yang dipanggil per loket, layar penuh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semua dalam satu PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk, loket dan layar TV sekaligus (satu jendela per layar).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Loket sedang istirahat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ketik apa yang ingin Anda urus, atau sentuh salah satu kata di atas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{names} belum dilayani di sini; silakan tanyakan petugas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ditemukan. Coba kata lain, mis. KTP, KK, akta, pindah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cari layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mis. KTP, kartu keluarga, akta lahir</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Server MPP Induk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alamat server pusat dan kode pendaftaran sekali pakai dari MPP Induk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alamat server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode pendaftaran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uji koneksi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lewati, tetap offline (daftarkan nanti dengan `kiosk enroll`)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanpa jaringan pun semua pekerjaan tersimpan di PC ini dan dikirim saat tersambung.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menghubungi server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Server menjawab. Pendaftaran dilakukan di langkah terakhir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server tidak dapat dihubungi: {e}. Perbaiki alamatnya, atau centang Lewati dan daftarkan nanti.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Penyiapan Mini MPP Kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lanjut &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; Kembali</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selesai dan mulai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mulai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>Kecamatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mini MPP ini berada di kecamatan mana? (20 kecamatan Kutai Kartanegara)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ketik untuk mencari, mis. Tabang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode kecamatan menjadi bagian dari setiap nomor registrasi permohonan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SitePcsPage</name>
    <message>
        <source>PC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terakhir terlihat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasangkan PC baru</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keluarkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC ini adalah hub situs. PC lain bergabung dengan kode pasangan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC ini bergabung ke hub {u}. Pasangkan dan keluarkan PC dari PC hub.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC ini bukan hub lagi; hub sekarang {u}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC ini berdiri sendiri. Memasangkan PC baru menjadikannya hub situs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Di PC baru: pilih &quot;Gabung ke hub situs ini&quot; di wizard, atau ketik `kiosk join --code {c}`.
Alamat hub: {u}
Sidik jari sertifikat (cocokkan di PC baru): {f}
Kode berlaku sekali, sampai {t}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keluarkan {n} dari situs? Token PC itu langsung tidak berlaku.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} dikeluarkan dari situs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>menunggu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dipanggil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dilayani</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>selesai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tidak hadir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dialihkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dibatalkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diterima di Mini MPP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diteruskan ke MPP Induk Tenggarong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sedang diproses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Siap diambil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sudah diserahkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ditolak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lansia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabilitas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ibu hamil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sedang dikirim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tercetak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gagal, dicoba lagi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tiket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tanda terima</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>halaman uji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>laporan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selesai di Mini MPP ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berkas diterima di sini, diproses di MPP Induk Tenggarong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diurus secara daring (online); petugas dapat membantu</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusPage</name>
    <message>
        <source>Cek Status Permohonan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ketik nomor registrasi pada tanda terima Anda, atau arahkan kode QR tanda terima ke pemindai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mis. {example}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cek nomor lain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hasil dapat diambil di loket Mini MPP ini. Bawa tanda terima Anda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silakan tanyakan alasannya kepada petugas loket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor antrian {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menunggu. {n} orang di depan Anda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menunggu. Anda berikutnya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silakan ke loket {c}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <source>Sudah ada supervisor ({names}); lewati</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor pertama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Akun ini membuka panel admin kiosk dan membuat akun petugas lain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ulangi PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mis. sari.supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN paling sedikit 6 angka. Simpan di tempat aman; PIN tidak bisa dibaca kembali.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupervisorTab</name>
    <message>
        <source>Hari ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teks berjalan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antrian cetak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC situs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SurveyPage</name>
    <message>
        <source>Tentang Anda (tidak wajib, tanpa nama)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saran dan masukan (tidak wajib)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Survei Kepuasan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, loket {c}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor {n}{where}: mohon nilai layanan kami. Bukan Anda? Tekan Beranda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layanan apa yang Anda terima hari ini? Atau pindai kode QR pada tiket antrian Anda.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pertanyaan 1–{n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pertanyaan {a}–{b} dari {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terjawab {k} dari {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Umur (tahun)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pendidikan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laki-laki</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perempuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swasta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wirausaha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lainnya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apa yang perlu kami perbaiki? Tanpa nama.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ketik saran Anda di sini…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lanjut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kirim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profil, saran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saran ›</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sinkron: belum diatur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} tertunda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sinkron: berjalan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sinkron: menunggu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terakhir {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jam PC selisih {m} menit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} ditolak server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terakhir ditolak: {v}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextKeyboard</name>
    <message>
        <source>Hapus satu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baris baru</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThanksPage</name>
    <message>
        <source>Terima kasih!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Penilaian Anda membantu kami memperbaiki pelayanan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketPage</name>
    <message>
        <source>Maaf, nomor antrian tidak dapat diambil.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silakan tanyakan kepada petugas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor antrian Anda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking {code}, jam {start}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} orang di depan Anda · perkiraan {m} menit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} orang di depan Anda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada yang di depan Anda. Silakan menunggu panggilan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silakan ambil tiket Anda di bawah layar, lalu tunggu nomor Anda dipanggil.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maaf, tiket tidak dapat dicetak. Ingat atau foto nomor {n} ini, lalu sampaikan kepada petugas loket. Nomor Anda tetap berlaku.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiket sedang dicetak…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menunggu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak hadir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tunggu*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layanan*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dilayani</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* median, dalam menit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laporan PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buat laporan harian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s.d.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buat laporan SKM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hari ini: {i} tiket · {w} menunggu · {d} selesai · {n} tidak hadir · tunggu median {mw} menit · layanan median {ms} menit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IKM hari ini: {v} (mutu {m}) dari {n} responden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada survei kepuasan hari ini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Membuat laporan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laporan tersimpan: {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Membuat laporan SKM…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laporan SKM tersimpan: {p}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ke layanan lain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ke loket lain (layanan sama):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VoiceSettingsBox</name>
    <message>
        <source>Suara layar TV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suara panggilan aktif</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC ini yang bersuara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bel sebelum panggilan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sebut nama layanan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kecepatan bicara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cara membaca nomor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dua puluh lima (bilangan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nol dua lima (per angka)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jam tenang (JJ:MM-JJ:MM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uji suara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simpan pengaturan suara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pengaturan suara disimpan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memutar contoh panggilan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contoh diputar ({backend}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
