<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="id_ID">
<context>
    <name>AdminPanel</name>
    <message>
        <source>Panel admin</source>
        <translation>Admin panel</translation>
    </message>
    <message>
        <source>Panel admin kiosk</source>
        <translation>Kiosk admin panel</translation>
    </message>
    <message>
        <source>Masuk sebagai: {who}</source>
        <translation>Signed in as: {who}</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Cetak halaman uji</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <source>Ulangi cetakan tertunda</source>
        <translation>Retry waiting prints</translation>
    </message>
    <message>
        <source>Sinkronisasi dengan MPP Induk</source>
        <translation>Sync with MPP Induk</translation>
    </message>
    <message>
        <source>Sinkronkan sekarang</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Alamat server MPP Induk, mis. https://mpp.kukarkab.go.id</source>
        <translation>Address of the MPP Induk server, e.g. https://mpp.kukarkab.go.id</translation>
    </message>
    <message>
        <source>Kode pendaftaran</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <source>Daftarkan ke MPP Induk</source>
        <translation>Enroll with MPP Induk</translation>
    </message>
    <message>
        <source>Keluar dari aplikasi kiosk</source>
        <translation>Exit the kiosk app</translation>
    </message>
    <message>
        <source>Kembali ke kiosk</source>
        <translation>Back to the kiosk</translation>
    </message>
    <message>
        <source>Halaman uji dikirim ke printer.</source>
        <translation>Test page sent to the printer.</translation>
    </message>
    <message>
        <source>{n} cetakan dikirim ulang.</source>
        <translation>{n} print(s) sent again.</translation>
    </message>
    <message>
        <source>Mendaftarkan…</source>
        <translation>Enrolling…</translation>
    </message>
    <message>
        <source>Terdaftar untuk situs {s}. Sinkronisasi berjalan.</source>
        <translation>Enrolled for site {s}. Sync is running.</translation>
    </message>
    <message>
        <source>Belum terdaftar: {e}</source>
        <translation>Not enrolled: {e}</translation>
    </message>
</context>
<context>
    <name>AnnouncementsPage</name>
    <message>
        <source>Teks berjalan</source>
        <translation>Running text</translation>
    </message>
    <message>
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Sampai</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Teks untuk layar TV, mis. Loket 2 istirahat pukul 12.00–13.00</source>
        <translation>Text for the TV screen, e.g. Counter 2 on a break 12:00–13:00</translation>
    </message>
    <message>
        <source>sampai dihapus</source>
        <translation>until removed</translation>
    </message>
    <message>
        <source> jam</source>
        <translation> hours</translation>
    </message>
    <message>
        <source>Tayangkan</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Hapus</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>(MPP Induk)</source>
        <translation>(MPP Induk)</translation>
    </message>
    <message>
        <source>Teks berjalan tayang di layar TV.</source>
        <translation>The running text is on the TV screen.</translation>
    </message>
    <message>
        <source>Teks berjalan dihapus.</source>
        <translation>Running text removed.</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Layar terlalu kecil</source>
        <translation>Screen too small</translation>
    </message>
    <message>
        <source>Layar ini {w}×{h}: kiosk, loket dan layar TV sekaligus perlu layar paling sedikit {nw}×{nh}. Ketiganya dibuka sebagai jendela yang bertumpuk (pindah dengan Alt+Tab). Untuk pemakaian sehari-hari jalankan kiosk dan TV di layar atau PC lain (peran kiosk, display).</source>
        <translation>This screen is {w}×{h}: kiosk, counter and TV together need a screen of at least {nw}×{nh}. The three open as stacked windows (switch with Alt+Tab). For daily use run the kiosk and the TV on another screen or PC (roles kiosk, display).</translation>
    </message>
</context>
<context>
    <name>ApplicationsTab</name>
    <message>
        <source>Nomor registrasi, NIK (16 angka) atau nama</source>
        <translation>Registration number, NIK (16 digits) or name</translation>
    </message>
    <message>
        <source>Cari</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Nomor registrasi</source>
        <translation>Registration number</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Serahkan hasil</source>
        <translation>Hand over the result</translation>
    </message>
    <message>
        <source>Tandai siap</source>
        <translation>Mark ready</translation>
    </message>
    <message>
        <source>Tolak (alasan)…</source>
        <translation>Reject (reason)…</translation>
    </message>
    <message>
        <source>Cetak ulang tanda terima</source>
        <translation>Reprint the receipt</translation>
    </message>
    <message>
        <source>Tidak ditemukan.</source>
        <translation>Nothing found.</translation>
    </message>
    <message>
        <source>Pilih permohonan dari daftar</source>
        <translation>Pick an application from the list</translation>
    </message>
    <message>
        <source>Nama: {v}</source>
        <translation>Name: {v}</translation>
    </message>
    <message>
        <source>No. HP: {v}</source>
        <translation>Mobile: {v}</translation>
    </message>
    <message>
        <source>Desa/kelurahan: {v}</source>
        <translation>Village: {v}</translation>
    </message>
    <message>
        <source>Alamat: {v}</source>
        <translation>Address: {v}</translation>
    </message>
    <message>
        <source>Status: {v}</source>
        <translation>Status: {v}</translation>
    </message>
    <message>
        <source>Alasan penolakan: {v}</source>
        <translation>Reason for rejection: {v}</translation>
    </message>
    <message>
        <source>Hasil diserahkan kepada pemohon.</source>
        <translation>Result handed over to the applicant.</translation>
    </message>
    <message>
        <source>Ditandai siap diambil.</source>
        <translation>Marked ready for collection.</translation>
    </message>
    <message>
        <source>Tolak permohonan</source>
        <translation>Reject the application</translation>
    </message>
    <message>
        <source>Alasan penolakan:</source>
        <translation>Reason for rejecting:</translation>
    </message>
    <message>
        <source>Permohonan ditolak.</source>
        <translation>Application rejected.</translation>
    </message>
    <message>
        <source>Salinan tanda terima sedang dicetak.</source>
        <translation>A copy of the receipt is printing.</translation>
    </message>
</context>
<context>
    <name>BookingPage</name>
    <message>
        <source>Punya kode booking?</source>
        <translation>Have a booking code?</translation>
    </message>
    <message>
        <source>Ketik kode booking Anda, atau arahkan QR booking ke pemindai.</source>
        <translation>Type your booking code, or hold the booking QR to the scanner.</translation>
    </message>
    <message>
        <source>mis. K7QM-4TZ5</source>
        <translation>e.g. K7QM-4TZ5</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Check in</translation>
    </message>
</context>
<context>
    <name>CounterCard</name>
    <message>
        <source>LOKET {n}</source>
        <translation>COUNTER {n}</translation>
    </message>
    <message>
        <source>ISTIRAHAT</source>
        <translation>ON BREAK</translation>
    </message>
    <message>
        <source>TUTUP</source>
        <translation>CLOSED</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <source>Loket dan layanannya</source>
        <translation>Counter and its services</translation>
    </message>
    <message>
        <source>Nomor loket PC ini dan layanan yang dipanggil di loket ini.</source>
        <translation>This PC&apos;s counter number and the services it calls.</translation>
    </message>
    <message>
        <source>Nomor loket</source>
        <translation>Counter number</translation>
    </message>
    <message>
        <source>Layanan di loket ini (centang paling sedikit satu):</source>
        <translation>Services at this counter (tick at least one):</translation>
    </message>
</context>
<context>
    <name>CounterView</name>
    <message>
        <source>Loket {n} — {site}</source>
        <translation>Counter {n} — {site}</translation>
    </message>
    <message>
        <source>Situs belum disiapkan</source>
        <translation>Site not set up yet</translation>
    </message>
    <message>
        <source>Loket {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <source>Petugas: {name}</source>
        <translation>Operator: {name}</translation>
    </message>
    <message>
        <source>Belum masuk</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>{name} ({role}) · Loket {n}</source>
        <translation>{name} ({role}) · Counter {n}</translation>
    </message>
    <message>
        <source>Antrian</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Permohonan baru</source>
        <translation>New application</translation>
    </message>
    <message>
        <source>Cari permohonan</source>
        <translation>Find applications</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Istirahat</source>
        <translation>Break</translation>
    </message>
    <message>
        <source>Alasan istirahat (mis. sholat, makan siang):</source>
        <translation>Reason for the break (e.g. prayer, lunch):</translation>
    </message>
</context>
<context>
    <name>CountersPage</name>
    <message>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Istirahat</source>
        <translation>Break</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Alasan istirahat (mis. sholat)</source>
        <translation>Reason for the break (e.g. prayer)</translation>
    </message>
    <message>
        <source>Layanan yang dipanggil loket</source>
        <translation>Services this counter calls</translation>
    </message>
    <message>
        <source>Loket </source>
        <translation>Counter </translation>
    </message>
    <message>
        <source>Simpan layanan loket</source>
        <translation>Save the counter&apos;s services</translation>
    </message>
    <message>
        <source>buka</source>
        <translation>open</translation>
    </message>
    <message>
        <source>istirahat</source>
        <translation>on a break</translation>
    </message>
    <message>
        <source>tutup</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>Loket {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <source>Loket {n} memanggil: {s}</source>
        <translation>Counter {n} calls: {s}</translation>
    </message>
</context>
<context>
    <name>DisplayView</name>
    <message>
        <source>Panggilan terakhir</source>
        <translation>Last calls</translation>
    </message>
    <message>
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Belum ada loket yang diatur.</source>
        <translation>No counter has been set up yet.</translation>
    </message>
    <message>
        <source>Selamat datang di {site}. Ambil nomor antrian di kiosk, lalu tunggu nomor Anda dipanggil. Layanan tanpa biaya tambahan; laporkan pungutan liar ke SP4N-LAPOR!</source>
        <translation>Welcome to {site}. Take a queue number at the kiosk, then wait for your number to be called. No extra fees; report illegal charges to SP4N-LAPOR!</translation>
    </message>
    <message>
        <source>+{n} lainnya</source>
        <translation>+{n} more</translation>
    </message>
    <message>
        <source>Loket {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <source>Belum ada panggilan.</source>
        <translation>No calls yet.</translation>
    </message>
    <message>
        <source>Tidak ada yang menunggu.</source>
        <translation>Nobody is waiting.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Periksa ringkasan, lalu tekan Selesai untuk menyimpan dan memulai.</source>
        <translation>Check the summary, then press Finish to save and start.</translation>
    </message>
    <message>
        <source>Kode untuk PC berikutnya</source>
        <translation>Code for the next PC</translation>
    </message>
    <message>
        <source>Situs: bergabung ke hub {url}</source>
        <translation>Site: joins the hub {url}</translation>
    </message>
    <message>
        <source> (Kecamatan {name})</source>
        <translation> (Kecamatan {name})</translation>
    </message>
    <message>
        <source>Nama PC ini di hub: {name}</source>
        <translation>This PC&apos;s name at the hub: {name}</translation>
    </message>
    <message>
        <source>Kecamatan: {name} ({code})</source>
        <translation>Kecamatan: {name} ({code})</translation>
    </message>
    <message>
        <source>Situs: PC ini memegang data situs (hub); loket dan TV lain bergabung ke sini</source>
        <translation>Site: this PC holds the site (hub); other counters and TVs join it</translation>
    </message>
    <message>
        <source>Peran PC ini: {role}</source>
        <translation>This PC&apos;s role: {role}</translation>
    </message>
    <message>
        <source>Loket {n}: {services}</source>
        <translation>Counter {n}: {services}</translation>
    </message>
    <message>
        <source>Server MPP Induk: {v}</source>
        <translation>MPP Induk server: {v}</translation>
    </message>
    <message>
        <source>Server MPP Induk: belum (offline; daftarkan nanti)</source>
        <translation>MPP Induk server: not yet (offline; enroll later)</translation>
    </message>
    <message>
        <source>Printer: {label}, kertas {w} mm</source>
        <translation>Printer: {label}, {w} mm paper</translation>
    </message>
    <message>
        <source>Supervisor: {name} ({user})</source>
        <translation>Supervisor: {name} ({user})</translation>
    </message>
    <message>
        <source>Supervisor: yang sudah ada</source>
        <translation>Supervisor: the existing one</translation>
    </message>
    <message>
        <source>Menyimpan penyiapan…</source>
        <translation>Saving the setup…</translation>
    </message>
    <message>
        <source>Bergabung ke hub…</source>
        <translation>Joining the hub…</translation>
    </message>
    <message>
        <source>Pendaftaran gagal: {e}. PC ini tetap bekerja offline; daftarkan nanti dengan `kiosk enroll`.</source>
        <translation>Enrollment failed: {e}. This PC works offline meanwhile; enroll later with `kiosk enroll`.</translation>
    </message>
    <message>
        <source>Mulai</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>✓ Tersimpan. PC ini hub situs.</source>
        <translation>✓ Saved. This PC is the site&apos;s hub.</translation>
    </message>
    <message>
        <source>Untuk setiap PC loket atau TV: jalankan penyiapan di PC itu, pilih &quot;Gabung ke hub situs ini&quot; dan ketik kode pasangan:</source>
        <translation>For each counter or TV PC: run the setup on that PC, choose &quot;Join this site&apos;s hub&quot; and type the pairing code:</translation>
    </message>
    <message>
        <source>Alamat hub: {urls}
Sidik jari: {fp}…
Berlaku {m} menit, satu kode untuk satu PC.</source>
        <translation>Hub address: {urls}
Fingerprint: {fp}…
Valid {m} minutes, one code per PC.</translation>
    </message>
    <message>
        <source>Mendaftarkan PC ini ke server…</source>
        <translation>Enrolling this PC with the server…</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Ambil Antrian</source>
        <translation>Take a Number</translation>
    </message>
    <message>
        <source>Loket sedang istirahat</source>
        <translation>Counter on a break</translation>
    </message>
    <message>
        <source>Ambil nomor antrian</source>
        <translation>Take a queue number</translation>
    </message>
    <message>
        <source>Selamat datang! Mau mengurus apa hari ini? Sentuh untuk ambil nomor antrian.</source>
        <translation>Welcome! What do you need today? Touch to take a queue number.</translation>
    </message>
    <message>
        <source>Printer sedang bermasalah — catat/foto nomor Anda setelah mengambil antrian.</source>
        <translation>The printer has a problem — note or photograph your number after taking it.</translation>
    </message>
    <message>
        <source>Semua layanan, per instansi</source>
        <translation>All services, by agency</translation>
    </message>
    <message>
        <source>Info Layanan</source>
        <translation>Service Info</translation>
    </message>
    <message>
        <source>Persyaratan, waktu dan biaya</source>
        <translation>Requirements, time and fees</translation>
    </message>
    <message>
        <source>Cek Status</source>
        <translation>Check Status</translation>
    </message>
    <message>
        <source>Lihat perkembangan permohonan Anda</source>
        <translation>See how your application is going</translation>
    </message>
    <message>
        <source>Survei Kepuasan</source>
        <translation>Satisfaction Survey</translation>
    </message>
    <message>
        <source>Beri nilai pelayanan kami</source>
        <translation>Rate our service</translation>
    </message>
    <message>
        <source>Cari layanan</source>
        <translation>Find a service</translation>
    </message>
    <message>
        <source>Punya kode booking?</source>
        <translation>Have a booking code?</translation>
    </message>
    <message>
        <source>Prioritas (lansia, disabilitas, ibu hamil)</source>
        <translation>Priority (elderly, disabled, pregnant)</translation>
    </message>
</context>
<context>
    <name>HubIndicator</name>
    <message>
        <source>Hub: PC ini</source>
        <translation>Hub: this PC</translation>
    </message>
    <message>
        <source>Hub dipindah ke PC lain</source>
        <translation>The hub moved to another PC</translation>
    </message>
    <message>
        <source>Hub: {name}</source>
        <translation>Hub: {name}</translation>
    </message>
    <message>
        <source>Hub tidak terhubung</source>
        <translation>Hub not connected</translation>
    </message>
    <message>
        <source>{n} di spool</source>
        <translation>{n} spooled</translation>
    </message>
</context>
<context>
    <name>InfoPage</name>
    <message>
        <source>Cetak info ini</source>
        <translation>Print this info</translation>
    </message>
    <message>
        <source>Persyaratan</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>Prosedur</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Waktu penyelesaian</source>
        <translation>Time to complete</translation>
    </message>
    <message>
        <source>Biaya</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Hasil layanan</source>
        <translation>What you receive</translation>
    </message>
    <message>
        <source>Pengaduan</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>Silakan ambil kertas info di bawah layar.</source>
        <translation>Please take the info sheet below the screen.</translation>
    </message>
    <message>
        <source>Maaf, printer sedang bermasalah. Silakan tanyakan kepada petugas.</source>
        <translation>Sorry, the printer has a problem. Please ask the staff.</translation>
    </message>
    <message>
        <source>Sedang dicetak…</source>
        <translation>Printing…</translation>
    </message>
</context>
<context>
    <name>IntakeTab</name>
    <message>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Nama pemohon</source>
        <translation>Applicant&apos;s name</translation>
    </message>
    <message>
        <source>No. HP</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>Desa/Kelurahan</source>
        <translation>Village (desa/kelurahan)</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>16 angka sesuai KTP/KK</source>
        <translation>16 digits as on the KTP/KK</translation>
    </message>
    <message>
        <source>mis. 0812-3456-7890 (boleh kosong)</source>
        <translation>e.g. 0812-3456-7890 (optional)</translation>
    </message>
    <message>
        <source>ketik untuk mencari desa/kelurahan</source>
        <translation>type to search the village</translation>
    </message>
    <message>
        <source>RT, jalan, nomor rumah</source>
        <translation>RT, street, house number</translation>
    </message>
    <message>
        <source>Dokumen yang diterima</source>
        <translation>Documents received</translation>
    </message>
    <message>
        <source>Kosongkan formulir</source>
        <translation>Clear the form</translation>
    </message>
    <message>
        <source>Simpan &amp;&amp; Cetak Tanda Terima</source>
        <translation>Save &amp;&amp; Print Receipt</translation>
    </message>
    <message>
        <source>Cetak 2 lembar (pemohon + arsip)</source>
        <translation>Print 2 copies (applicant + archive)</translation>
    </message>
    <message>
        <source>Tautkan ke tiket {n} yang sedang dilayani</source>
        <translation>Link to ticket {n} being served</translation>
    </message>
    <message>
        <source>Tidak ada tiket yang sedang dilayani</source>
        <translation>No ticket is being served</translation>
    </message>
    <message>
        <source>Layanan ini tidak punya daftar persyaratan.</source>
        <translation>This service has no list of requirements.</translation>
    </message>
    <message>
        <source>{n} dari 16 angka</source>
        <translation>{n} of 16 digits</translation>
    </message>
    <message>
        <source>perempuan</source>
        <translation>female</translation>
    </message>
    <message>
        <source>laki-laki</source>
        <translation>male</translation>
    </message>
    <message>
        <source>lahir {d}, {s}</source>
        <translation>born {d}, {s}</translation>
    </message>
    <message>
        <source>NIK wajib diisi (16 angka)</source>
        <translation>NIK is required (16 digits)</translation>
    </message>
    <message>
        <source>Periksa isian yang ditandai merah.</source>
        <translation>Check the fields marked in red.</translation>
    </message>
    <message>
        <source>Pilih desa/kelurahan dari daftar (atau kosongkan).</source>
        <translation>Pick the village from the list (or leave it empty).</translation>
    </message>
    <message>
        <source>Tersimpan: {r} — {n} ({s}).</source>
        <translation>Saved: {r} — {n} ({s}).</translation>
    </message>
    <message>
        <source>Tanda terima belum tercetak: {e}</source>
        <translation>The receipt has not printed: {e}</translation>
    </message>
    <message>
        <source>Tanda terima sedang dicetak.</source>
        <translation>The receipt is printing.</translation>
    </message>
</context>
<context>
    <name>JoinPage</name>
    <message>
        <source>Hub situs</source>
        <translation>Site hub</translation>
    </message>
    <message>
        <source>Pilih hub yang ditemukan di jaringan atau ketik alamatnya, lalu kode pasangan.</source>
        <translation>Pick the hub found on the network or type its address, then the pairing code.</translation>
    </message>
    <message>
        <source>Hub di jaringan ini:</source>
        <translation>Hubs on this network:</translation>
    </message>
    <message>
        <source>Cari lagi</source>
        <translation>Search again</translation>
    </message>
    <message>
        <source>Alamat hub</source>
        <translation>Hub address</translation>
    </message>
    <message>
        <source>Uji</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Kode pasangan</source>
        <translation>Pairing code</translation>
    </message>
    <message>
        <source>mis. K7QM-4TZ9 (tampil di PC hub)</source>
        <translation>e.g. K7QM-4TZ9 (shown on the hub PC)</translation>
    </message>
    <message>
        <source>Nama PC ini</source>
        <translation>This PC&apos;s name</translation>
    </message>
    <message>
        <source>mis. loket-2</source>
        <translation>e.g. loket-2</translation>
    </message>
    <message>
        <source>Kode pasangan tampil di PC hub setelah penyiapannya (atau `kiosk hub pair`). Satu kode untuk satu PC.</source>
        <translation>The pairing code is shown on the hub PC after its setup (or `kiosk hub pair`). One code per PC.</translation>
    </message>
    <message>
        <source>Mencari hub di jaringan…</source>
        <translation>Looking for hubs on the network…</translation>
    </message>
    <message>
        <source>Kecamatan {site} — {url}</source>
        <translation>Kecamatan {site} — {url}</translation>
    </message>
    <message>
        <source>{n} hub ditemukan.</source>
        <translation>{n} hub(s) found.</translation>
    </message>
    <message>
        <source>Tidak ada hub yang ditemukan: ketik alamatnya (tampil di PC hub).</source>
        <translation>No hub found: type its address (shown on the hub PC).</translation>
    </message>
    <message>
        <source>Menghubungi hub…</source>
        <translation>Contacting the hub…</translation>
    </message>
    <message>
        <source>✓ Hub Kecamatan {site} (PC {name}) menjawab. Sidik jari: {fp}…</source>
        <translation>✓ The hub of Kecamatan {site} (PC {name}) answers. Fingerprint: {fp}…</translation>
    </message>
    <message>
        <source>Hub tidak bisa dihubungi: {e}.</source>
        <translation>The hub cannot be reached: {e}.</translation>
    </message>
</context>
<context>
    <name>KioskView</name>
    <message>
        <source>Mal Pelayanan Publik · Kabupaten Kutai Kartanegara</source>
        <translation>Public Service Mall · Kutai Kartanegara Regency</translation>
    </message>
    <message>
        <source>Ambil Antrian</source>
        <translation>Take a Number</translation>
    </message>
    <message>
        <source>Info Layanan</source>
        <translation>Service Info</translation>
    </message>
    <message>
        <source>Survei Kepuasan</source>
        <translation>Satisfaction Survey</translation>
    </message>
    <message>
        <source>{n} layanan</source>
        <translation>{n} services</translation>
    </message>
    <message>
        <source>Layanan apa yang Anda terima hari ini? Pilih instansinya.</source>
        <translation>Which service did you receive today? Choose its agency.</translation>
    </message>
    <message>
        <source>Pilih instansi yang Anda tuju.</source>
        <translation>Choose the agency you need.</translation>
    </message>
    <message>
        <source>{flow} — Pilih instansi</source>
        <translation>{flow} — Choose an agency</translation>
    </message>
    <message>
        <source>Pilih layanan Anda, atau instansinya.</source>
        <translation>Choose your service, or its agency.</translation>
    </message>
    <message>
        <source>{agency} — Pilih layanan</source>
        <translation>{agency} — Choose a service</translation>
    </message>
    <message>
        <source>Antrian prioritas: {label}. Anda dilayani lebih dulu.</source>
        <translation>Priority queue: {label}. You will be served first.</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Bahasa tampilan petugas di PC ini. Kiosk warga selalu mulai dalam Bahasa Indonesia.</source>
        <translation>The staff&apos;s language on this PC. The citizens&apos; kiosk always starts in Bahasa Indonesia.</translation>
    </message>
    <message>
        <source>Pilih bahasa:</source>
        <translation>Choose a language:</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Loket {n} — masuk petugas</source>
        <translation>Counter {n} — operator sign-in</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation>Sign in</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Beranda</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>OnScreenKeypad</name>
    <message>
        <source>Hapus satu</source>
        <translation>Delete one</translation>
    </message>
    <message>
        <source>Hapus semua</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>OperatorsPage</name>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>PIN baru</source>
        <translation>New PIN</translation>
    </message>
    <message>
        <source>Atur ulang PIN</source>
        <translation>Reset PIN</translation>
    </message>
    <message>
        <source>Ganti peran</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>Nonaktifkan</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>Tambah petugas</source>
        <translation>Add an operator</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>PIN (6 angka)</source>
        <translation>PIN (6 digits)</translation>
    </message>
    <message>
        <source>Tambah</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Operators</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Teknisi</source>
        <translation>Technician</translation>
    </message>
    <message>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <source>nonaktif</source>
        <translation>inactive</translation>
    </message>
    <message>
        <source>Petugas {u} ditambahkan.</source>
        <translation>Operator {u} added.</translation>
    </message>
    <message>
        <source>PIN {u} diatur ulang (dan kuncinya dibuka).</source>
        <translation>PIN of {u} reset (and unlocked).</translation>
    </message>
    <message>
        <source>Peran {u} diganti.</source>
        <translation>Role of {u} changed.</translation>
    </message>
    <message>
        <source>Akun {u} dinonaktifkan.</source>
        <translation>Account {u} deactivated.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Masuk supervisor</source>
        <translation>Supervisor sign-in</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation>Sign in</translation>
    </message>
</context>
<context>
    <name>PrintQueuePage</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Cetakan</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Percobaan</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Kesalahan terakhir</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>Ulangi yang dipilih</source>
        <translation>Retry the selected</translation>
    </message>
    <message>
        <source>Ulangi semua yang gagal</source>
        <translation>Retry all failed</translation>
    </message>
    <message>
        <source>Cetak ulang (salinan)</source>
        <translation>Reprint (copy)</translation>
    </message>
    <message>
        <source>{n} cetakan dikirim ulang.</source>
        <translation>{n} print(s) sent again.</translation>
    </message>
    <message>
        <source>Salinan {t} dicetak.</source>
        <translation>Copy of {t} printed.</translation>
    </message>
</context>
<context>
    <name>PrinterIndicator</name>
    <message>
        <source>{n} menunggu</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <source>Printer: siap</source>
        <translation>Printer: ready</translation>
    </message>
    <message>
        <source>Printer: mencetak…</source>
        <translation>Printer: printing…</translation>
    </message>
    <message>
        <source>Printer: kertas hampir habis</source>
        <translation>Printer: paper low</translation>
    </message>
    <message>
        <source>Printer: kertas habis</source>
        <translation>Printer: out of paper</translation>
    </message>
    <message>
        <source>Printer: tutup terbuka</source>
        <translation>Printer: cover open</translation>
    </message>
    <message>
        <source>Printer: offline</source>
        <translation>Printer: offline</translation>
    </message>
    <message>
        <source>Printer: gagal mencetak</source>
        <translation>Printer: print failed</translation>
    </message>
    <message>
        <source>Printer: belum diketahui</source>
        <translation>Printer: unknown</translation>
    </message>
    <message>
        <source>Printer: modul cetak belum ada</source>
        <translation>Printer: printing not installed</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <source>Memindai jaringan (port 9100)…</source>
        <translation>Scanning the network (port 9100)…</translation>
    </message>
    <message>
        <source>Mencari printer di PC ini…</source>
        <translation>Looking for printers on this PC…</translation>
    </message>
    <message>
        <source>(tidak ada printer terdeteksi)</source>
        <translation>(no printer detected)</translation>
    </message>
    <message>
        <source>{n} printer jaringan menjawab di port 9100.</source>
        <translation>{n} network printer(s) answer on port 9100.</translation>
    </message>
    <message>
        <source>Printer jaringan? Tekan Pindai jaringan.</source>
        <translation>A network printer? Press Scan network.</translation>
    </message>
    <message>
        <source>tanpa printer: berkas PDF</source>
        <translation>no printer: PDF files</translation>
    </message>
    <message>
        <source>printer uji (tidak mencetak)</source>
        <translation>test printer (prints nothing)</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Pilih printer yang terdeteksi atau ketik URI-nya, lalu cetak halaman uji.</source>
        <translation>Pick a detected printer or type its URI, then print a test page.</translation>
    </message>
    <message>
        <source>Printer terdeteksi</source>
        <translation>Detected printer</translation>
    </message>
    <message>
        <source>Pindai jaringan</source>
        <translation>Scan network</translation>
    </message>
    <message>
        <source>URI printer</source>
        <translation>Printer URI</translation>
    </message>
    <message>
        <source>mis. escpos+usb://04b8:0202 atau escpos+tcp://192.168.1.50:9100</source>
        <translation>e.g. escpos+usb://04b8:0202 or escpos+tcp://192.168.1.50:9100</translation>
    </message>
    <message>
        <source>Tanpa printer (PDF)</source>
        <translation>No printer (PDF)</translation>
    </message>
    <message>
        <source>Lebar kertas</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <source>Cetak uji (dengan pratinjau)</source>
        <translation>Test print (with preview)</translation>
    </message>
    <message>
        <source>Mencetak halaman uji…</source>
        <translation>Printing a test page…</translation>
    </message>
    <message>
        <source>✓ Halaman uji terkirim. Periksa kertasnya: sama dengan pratinjau?</source>
        <translation>✓ Test page sent. Check the paper: does it match the preview?</translation>
    </message>
    <message>
        <source>Cetak uji gagal: {e}</source>
        <translation>Test print failed: {e}</translation>
    </message>
</context>
<context>
    <name>PriorityPage</name>
    <message>
        <source>Apakah Anda termasuk prioritas?</source>
        <translation>Do you need priority service?</translation>
    </message>
    <message>
        <source>Lansia, penyandang disabilitas dan ibu hamil dilayani lebih dulu.</source>
        <translation>Elderly people, people with disabilities and pregnant women are served first.</translation>
    </message>
    <message>
        <source>Lansia</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <source>60 tahun ke atas</source>
        <translation>60 years or older</translation>
    </message>
    <message>
        <source>Disabilitas</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>Penyandang disabilitas</source>
        <translation>Person with a disability</translation>
    </message>
    <message>
        <source>Ibu Hamil</source>
        <translation>Pregnant</translation>
    </message>
    <message>
        <source>Tidak, bukan prioritas</source>
        <translation>No, not priority</translation>
    </message>
    <message>
        <source>Ambil nomor antrian biasa</source>
        <translation>Take a regular number</translation>
    </message>
</context>
<context>
    <name>QueueTab</name>
    <message>
        <source>Panggil berikutnya</source>
        <translation>Call next</translation>
    </message>
    <message>
        <source>Panggil ulang</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>Layani</source>
        <translation>Serve</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Tidak hadir</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <source>Kembalikan ke antrian</source>
        <translation>Return to the queue</translation>
    </message>
    <message>
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Prioritas</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Tidak ada tiket aktif</source>
        <translation>No active ticket</translation>
    </message>
    <message>
        <source>Tekan F1 untuk memanggil nomor berikutnya.</source>
        <translation>Press F1 to call the next number.</translation>
    </message>
    <message>
        <source>Sedang dilayani</source>
        <translation>Being served</translation>
    </message>
    <message>
        <source>Dipanggil</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>Selesai &amp; panggil berikutnya</source>
        <translation>Finish &amp; call next</translation>
    </message>
    <message>
        <source>Layani (warga sudah datang)</source>
        <translation>Serve (the citizen is here)</translation>
    </message>
    <message>
        <source>Nomor, mis. A-005</source>
        <translation>Number, e.g. A-005</translation>
    </message>
    <message>
        <source>Panggil nomor ini</source>
        <translation>Call this number</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Istirahat…</source>
        <translation>Break…</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Seluruh antrian situs</source>
        <translation>The whole site&apos;s queue</translation>
    </message>
    <message>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Dilayani</source>
        <translation>Served</translation>
    </message>
    <message>
        <source>dipanggil ulang {n}×</source>
        <translation>recalled {n}×</translation>
    </message>
    <message>
        <source>{m} menit</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>Menunggu ({n})</source>
        <translation>Waiting ({n})</translation>
    </message>
    <message>
        <source>Tidak ada yang menunggu.</source>
        <translation>Nobody is waiting.</translation>
    </message>
    <message>
        <source>Loket istirahat</source>
        <translation>Counter on a break</translation>
    </message>
    <message>
        <source>Loket tutup</source>
        <translation>Counter closed</translation>
    </message>
    <message>
        <source>Loket buka</source>
        <translation>Counter open</translation>
    </message>
    <message>
        <source>Hari ini Anda: belum ada warga selesai dilayani.</source>
        <translation>You today: no citizen served yet.</translation>
    </message>
    <message>
        <source>Hari ini Anda: {n} warga dilayani</source>
        <translation>You today: {n} citizen(s) served</translation>
    </message>
    <message>
        <source>waktu layanan median {m} menit</source>
        <translation>median service time {m} min</translation>
    </message>
    <message>
        <source>Tidak ada yang menunggu untuk loket ini.</source>
        <translation>Nobody is waiting for this counter.</translation>
    </message>
    <message>
        <source>{n} selesai. Tidak ada yang menunggu untuk loket ini.</source>
        <translation>{n} done. Nobody is waiting for this counter.</translation>
    </message>
    <message>
        <source>Nomor {n} dipanggil ke loket {c}.</source>
        <translation>Number {n} called to counter {c}.</translation>
    </message>
    <message>
        <source>Nomor {n} dipanggil ulang.</source>
        <translation>Number {n} recalled.</translation>
    </message>
    <message>
        <source>Melayani {n}.</source>
        <translation>Serving {n}.</translation>
    </message>
    <message>
        <source>{n} selesai.</source>
        <translation>{n} done.</translation>
    </message>
    <message>
        <source>{n} tidak hadir.</source>
        <translation>{n} did not come.</translation>
    </message>
    <message>
        <source>{n} dikembalikan ke antrian.</source>
        <translation>{n} returned to the queue.</translation>
    </message>
    <message>
        <source>Dialihkan ke loket {c}: nomor baru {n}; tiketnya dicetak untuk warga.</source>
        <translation>Transferred to counter {c}: new number {n}; its ticket prints for the citizen.</translation>
    </message>
    <message>
        <source>Dialihkan: nomor baru {n} ({s}); tiketnya dicetak untuk warga.</source>
        <translation>Transferred: new number {n} ({s}); its ticket prints for the citizen.</translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <source>Peran PC ini</source>
        <translation>Role of this PC</translation>
    </message>
    <message>
        <source>PC ini dan situsnya</source>
        <translation>This PC and its site</translation>
    </message>
    <message>
        <source>Satu Mini MPP = satu situs: satu PC memegang datanya (hub), PC lain bergabung.</source>
        <translation>One Mini MPP = one site: one PC holds its data (the hub), the other PCs join it.</translation>
    </message>
    <message>
        <source>Situs</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>PC ini memegang data situs (hub)</source>
        <translation>This PC holds the site (hub)</translation>
    </message>
    <message>
        <source>PC pertama Mini MPP ini, biasanya PC kiosk. Loket dan TV di PC lain bergabung ke sini.</source>
        <translation>The first PC of this Mini MPP, usually the kiosk PC. Counters and TVs on other PCs join it.</translation>
    </message>
    <message>
        <source>Gabung ke hub situs ini</source>
        <translation>Join this site&apos;s hub</translation>
    </message>
    <message>
        <source>Hub sudah disiapkan di PC lain: PC ini memakai antrian dan data yang sama.</source>
        <translation>The hub is set up on another PC: this PC uses the same queue and data.</translation>
    </message>
    <message>
        <source>Kiosk warga (layar sentuh)</source>
        <translation>Citizen kiosk (touch screen)</translation>
    </message>
    <message>
        <source>Ambil antrian, info layanan, cek status, survei. Layar penuh, tidak bisa ditutup warga.</source>
        <translation>Queue tickets, service info, status check, survey. Full screen; citizens cannot close it.</translation>
    </message>
    <message>
        <source>Loket petugas</source>
        <translation>Operator counter</translation>
    </message>
    <message>
        <source>Panggil antrian, terima permohonan, cetak tanda terima.</source>
        <translation>Call tickets, take in applications, print receipts.</translation>
    </message>
    <message>
        <source>Layar TV antrian</source>
        <translation>Queue TV display</translation>
    </message>
    <message>
        <source>Nomor yang dipanggil per loket, layar penuh.</source>
        <translation>The numbers called at each counter, full screen.</translation>
    </message>
    <message>
        <source>Semua dalam satu PC</source>
        <translation>Everything on one PC</translation>
    </message>
    <message>
        <source>Kiosk, loket dan layar TV sekaligus (satu jendela per layar).</source>
        <translation>Kiosk, counter and TV display together (one window per screen).</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Loket sedang istirahat</source>
        <translation>Counter on a break</translation>
    </message>
    <message>
        <source>Ketik apa yang ingin Anda urus, atau sentuh salah satu kata di atas.</source>
        <translation>Type what you need, or touch one of the words above.</translation>
    </message>
    <message>
        <source>{names} belum dilayani di sini; silakan tanyakan petugas.</source>
        <translation>{names} is not served here yet; please ask the staff.</translation>
    </message>
    <message>
        <source>Tidak ditemukan. Coba kata lain, mis. KTP, KK, akta, pindah.</source>
        <translation>Nothing found. Try another word, e.g. KTP, KK, akta, pindah.</translation>
    </message>
    <message>
        <source>Cari layanan</source>
        <translation>Find a service</translation>
    </message>
    <message>
        <source>mis. KTP, kartu keluarga, akta lahir</source>
        <translation>e.g. KTP, kartu keluarga, akta lahir</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Server MPP Induk</source>
        <translation>MPP Induk server</translation>
    </message>
    <message>
        <source>Alamat server pusat dan kode pendaftaran sekali pakai dari MPP Induk.</source>
        <translation>The central server&apos;s address and the one-time enrollment code from MPP Induk.</translation>
    </message>
    <message>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Kode pendaftaran</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <source>Uji koneksi</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <source>Lewati, tetap offline (daftarkan nanti dengan `kiosk enroll`)</source>
        <translation>Skip, stay offline (enroll later with `kiosk enroll`)</translation>
    </message>
    <message>
        <source>Tanpa jaringan pun semua pekerjaan tersimpan di PC ini dan dikirim saat tersambung.</source>
        <translation>Even without a network all work is saved on this PC and sent when the link is back.</translation>
    </message>
    <message>
        <source>Menghubungi server…</source>
        <translation>Contacting the server…</translation>
    </message>
    <message>
        <source>✓ Server menjawab. Pendaftaran dilakukan di langkah terakhir.</source>
        <translation>✓ The server answered. Enrollment happens at the last step.</translation>
    </message>
    <message>
        <source>Server tidak dapat dihubungi: {e}. Perbaiki alamatnya, atau centang Lewati dan daftarkan nanti.</source>
        <translation>The server cannot be reached: {e}. Fix the address, or tick Skip and enroll later.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Penyiapan Mini MPP Kiosk</source>
        <translation>Mini MPP Kiosk setup</translation>
    </message>
    <message>
        <source>Lanjut &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>&lt; Kembali</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>Selesai dan mulai</source>
        <translation>Finish and start</translation>
    </message>
    <message>
        <source>Mulai</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan (district)</translation>
    </message>
    <message>
        <source>Mini MPP ini berada di kecamatan mana? (20 kecamatan Kutai Kartanegara)</source>
        <translation>Which kecamatan is this Mini MPP in? (the 20 kecamatan of Kutai Kartanegara)</translation>
    </message>
    <message>
        <source>Ketik untuk mencari, mis. Tabang</source>
        <translation>Type to search, e.g. Tabang</translation>
    </message>
    <message>
        <source>Kode kecamatan menjadi bagian dari setiap nomor registrasi permohonan.</source>
        <translation>The kecamatan code becomes part of every application&apos;s registration number.</translation>
    </message>
</context>
<context>
    <name>SitePcsPage</name>
    <message>
        <source>PC</source>
        <translation>PC</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Terakhir terlihat</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>Pasangkan PC baru</source>
        <translation>Pair a new PC</translation>
    </message>
    <message>
        <source>Keluarkan</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>PC ini adalah hub situs. PC lain bergabung dengan kode pasangan.</source>
        <translation>This PC is the site&apos;s hub. Other PCs join with a pairing code.</translation>
    </message>
    <message>
        <source>PC ini bergabung ke hub {u}. Pasangkan dan keluarkan PC dari PC hub.</source>
        <translation>This PC has joined the hub {u}. Pair and remove PCs on the hub PC.</translation>
    </message>
    <message>
        <source>PC ini bukan hub lagi; hub sekarang {u}.</source>
        <translation>This PC is no longer the hub; the hub is now {u}.</translation>
    </message>
    <message>
        <source>PC ini berdiri sendiri. Memasangkan PC baru menjadikannya hub situs.</source>
        <translation>This PC stands alone. Pairing a new PC makes it the site&apos;s hub.</translation>
    </message>
    <message>
        <source>Di PC baru: pilih &quot;Gabung ke hub situs ini&quot; di wizard, atau ketik `kiosk join --code {c}`.
Alamat hub: {u}
Sidik jari sertifikat (cocokkan di PC baru): {f}
Kode berlaku sekali, sampai {t}.</source>
        <translation>On the new PC: choose &quot;Join this site&apos;s hub&quot; in the wizard, or type `kiosk join --code {c}`.
Hub address: {u}
Certificate fingerprint (check it on the new PC): {f}
The code works once, until {t}.</translation>
    </message>
    <message>
        <source>Keluarkan {n} dari situs? Token PC itu langsung tidak berlaku.</source>
        <translation>Remove {n} from the site? That PC&apos;s token stops working at once.</translation>
    </message>
    <message>
        <source>{n} dikeluarkan dari situs.</source>
        <translation>{n} removed from the site.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>menunggu</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>dipanggil</source>
        <translation>called</translation>
    </message>
    <message>
        <source>dilayani</source>
        <translation>being served</translation>
    </message>
    <message>
        <source>selesai</source>
        <translation>done</translation>
    </message>
    <message>
        <source>tidak hadir</source>
        <translation>no-show</translation>
    </message>
    <message>
        <source>dialihkan</source>
        <translation>transferred</translation>
    </message>
    <message>
        <source>dibatalkan</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>Diterima di Mini MPP</source>
        <translation>Received at the Mini MPP</translation>
    </message>
    <message>
        <source>Diteruskan ke MPP Induk Tenggarong</source>
        <translation>Forwarded to MPP Induk Tenggarong</translation>
    </message>
    <message>
        <source>Sedang diproses</source>
        <translation>Being processed</translation>
    </message>
    <message>
        <source>Siap diambil</source>
        <translation>Ready for collection</translation>
    </message>
    <message>
        <source>Sudah diserahkan</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Lansia</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <source>Disabilitas</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>Ibu hamil</source>
        <translation>Pregnant</translation>
    </message>
    <message>
        <source>sedang dikirim</source>
        <translation>sending</translation>
    </message>
    <message>
        <source>tercetak</source>
        <translation>printed</translation>
    </message>
    <message>
        <source>gagal, dicoba lagi</source>
        <translation>failed, will retry</translation>
    </message>
    <message>
        <source>tiket</source>
        <translation>ticket</translation>
    </message>
    <message>
        <source>tanda terima</source>
        <translation>receipt</translation>
    </message>
    <message>
        <source>info layanan</source>
        <translation>service info</translation>
    </message>
    <message>
        <source>halaman uji</source>
        <translation>test page</translation>
    </message>
    <message>
        <source>laporan</source>
        <translation>report</translation>
    </message>
    <message>
        <source>Selesai di Mini MPP ini</source>
        <translation>Finished at this Mini MPP</translation>
    </message>
    <message>
        <source>Berkas diterima di sini, diproses di MPP Induk Tenggarong</source>
        <translation>Received here, processed at MPP Induk Tenggarong</translation>
    </message>
    <message>
        <source>Diurus secara daring (online); petugas dapat membantu</source>
        <translation>Done online; the staff can help</translation>
    </message>
</context>
<context>
    <name>StatusPage</name>
    <message>
        <source>Cek Status Permohonan</source>
        <translation>Check an Application</translation>
    </message>
    <message>
        <source>Ketik nomor registrasi pada tanda terima Anda, atau arahkan kode QR tanda terima ke pemindai.</source>
        <translation>Type the registration number on your receipt, or hold the receipt&apos;s QR code to the scanner.</translation>
    </message>
    <message>
        <source>mis. {example}</source>
        <translation>e.g. {example}</translation>
    </message>
    <message>
        <source>Cek</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Cek nomor lain</source>
        <translation>Check another number</translation>
    </message>
    <message>
        <source>Hasil dapat diambil di loket Mini MPP ini. Bawa tanda terima Anda.</source>
        <translation>Collect the result at this Mini MPP&apos;s counter. Bring your receipt.</translation>
    </message>
    <message>
        <source>Silakan tanyakan alasannya kepada petugas loket.</source>
        <translation>Please ask the counter staff for the reason.</translation>
    </message>
    <message>
        <source>Nomor antrian {n}</source>
        <translation>Queue number {n}</translation>
    </message>
    <message>
        <source>Menunggu. {n} orang di depan Anda.</source>
        <translation>Waiting. {n} people ahead of you.</translation>
    </message>
    <message>
        <source>Menunggu. Anda berikutnya.</source>
        <translation>Waiting. You are next.</translation>
    </message>
    <message>
        <source>Silakan ke loket {c}.</source>
        <translation>Please go to counter {c}.</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <source>Sudah ada supervisor ({names}); lewati</source>
        <translation>A supervisor exists already ({names}); skip</translation>
    </message>
    <message>
        <source>Supervisor pertama</source>
        <translation>First supervisor</translation>
    </message>
    <message>
        <source>Akun ini membuka panel admin kiosk dan membuat akun petugas lain.</source>
        <translation>This account opens the kiosk admin panel and creates the other staff accounts.</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Ulangi PIN</source>
        <translation>Repeat the PIN</translation>
    </message>
    <message>
        <source>mis. sari.supervisor</source>
        <translation>e.g. sari.supervisor</translation>
    </message>
    <message>
        <source>PIN paling sedikit 6 angka. Simpan di tempat aman; PIN tidak bisa dibaca kembali.</source>
        <translation>A PIN has at least 6 digits. Keep it safe; a PIN cannot be read back.</translation>
    </message>
</context>
<context>
    <name>SupervisorTab</name>
    <message>
        <source>Hari ini</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Operators</translation>
    </message>
    <message>
        <source>Loket</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Teks berjalan</source>
        <translation>Running text</translation>
    </message>
    <message>
        <source>Antrian cetak</source>
        <translation>Print queue</translation>
    </message>
    <message>
        <source>PC situs</source>
        <translation>Site PCs</translation>
    </message>
</context>
<context>
    <name>SurveyPage</name>
    <message>
        <source>Tentang Anda (tidak wajib, tanpa nama)</source>
        <translation>About you (optional, no name)</translation>
    </message>
    <message>
        <source>Saran dan masukan (tidak wajib)</source>
        <translation>Suggestions (optional)</translation>
    </message>
    <message>
        <source>Survei Kepuasan</source>
        <translation>Satisfaction Survey</translation>
    </message>
    <message>
        <source>, loket {c}</source>
        <translation>, counter {c}</translation>
    </message>
    <message>
        <source>Nomor {n}{where}: mohon nilai layanan kami. Bukan Anda? Tekan Beranda.</source>
        <translation>Number {n}{where}: please rate our service. Not you? Press Home.</translation>
    </message>
    <message>
        <source>Layanan apa yang Anda terima hari ini? Atau pindai kode QR pada tiket antrian Anda.</source>
        <translation>Which service did you receive today? Or scan the QR code on your queue ticket.</translation>
    </message>
    <message>
        <source>Pertanyaan 1–{n}</source>
        <translation>Questions 1–{n}</translation>
    </message>
    <message>
        <source>Pertanyaan {a}–{b} dari {n}</source>
        <translation>Questions {a}–{b} of {n}</translation>
    </message>
    <message>
        <source>terjawab {k} dari {n}</source>
        <translation>{k} of {n} answered</translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Umur (tahun)</source>
        <translation>Age (years)</translation>
    </message>
    <message>
        <source>Pendidikan</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Swasta</source>
        <translation>Private sector</translation>
    </message>
    <message>
        <source>Wirausaha</source>
        <translation>Self-employed</translation>
    </message>
    <message>
        <source>Lainnya</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Apa yang perlu kami perbaiki? Tanpa nama.</source>
        <translation>What should we improve? No name needed.</translation>
    </message>
    <message>
        <source>Ketik saran Anda di sini…</source>
        <translation>Type your suggestion here…</translation>
    </message>
    <message>
        <source>Lanjut</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Kirim</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Profil, saran</source>
        <translation>Profile, suggestion</translation>
    </message>
    <message>
        <source>Saran ›</source>
        <translation>Suggestion ›</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sinkron: belum diatur</source>
        <translation>Sync: not set up</translation>
    </message>
    <message>
        <source>{n} tertunda</source>
        <translation>{n} pending</translation>
    </message>
    <message>
        <source>Sinkron: berjalan…</source>
        <translation>Sync: running…</translation>
    </message>
    <message>
        <source>Sinkron: menunggu</source>
        <translation>Sync: waiting</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>terakhir {t}</source>
        <translation>last {t}</translation>
    </message>
    <message>
        <source>jam PC selisih {m} menit</source>
        <translation>PC clock off by {m} min</translation>
    </message>
    <message>
        <source>{n} ditolak server</source>
        <translation>{n} refused by the server</translation>
    </message>
    <message>
        <source>Terakhir ditolak: {v}</source>
        <translation>Last refused: {v}</translation>
    </message>
</context>
<context>
    <name>TextKeyboard</name>
    <message>
        <source>Hapus satu</source>
        <translation>Delete one</translation>
    </message>
    <message>
        <source>spasi</source>
        <translation>space</translation>
    </message>
    <message>
        <source>Baris baru</source>
        <translation>New line</translation>
    </message>
</context>
<context>
    <name>ThanksPage</name>
    <message>
        <source>Terima kasih!</source>
        <translation>Thank you!</translation>
    </message>
    <message>
        <source>Penilaian Anda membantu kami memperbaiki pelayanan.</source>
        <translation>Your rating helps us improve our service.</translation>
    </message>
</context>
<context>
    <name>TicketPage</name>
    <message>
        <source>Maaf, nomor antrian tidak dapat diambil.</source>
        <translation>Sorry, a queue number could not be issued.</translation>
    </message>
    <message>
        <source>Silakan tanyakan kepada petugas.</source>
        <translation>Please ask the staff.</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Nomor antrian Anda</source>
        <translation>Your queue number</translation>
    </message>
    <message>
        <source>Booking {code}, jam {start}</source>
        <translation>Booking {code}, at {start}</translation>
    </message>
    <message>
        <source>{n} orang di depan Anda · perkiraan {m} menit</source>
        <translation>{n} people ahead of you · about {m} minutes</translation>
    </message>
    <message>
        <source>{n} orang di depan Anda</source>
        <translation>{n} people ahead of you</translation>
    </message>
    <message>
        <source>Tidak ada yang di depan Anda. Silakan menunggu panggilan.</source>
        <translation>Nobody is ahead of you. Please wait to be called.</translation>
    </message>
    <message>
        <source>Silakan ambil tiket Anda di bawah layar, lalu tunggu nomor Anda dipanggil.</source>
        <translation>Please take your ticket below the screen, then wait for your number to be called.</translation>
    </message>
    <message>
        <source>Maaf, tiket tidak dapat dicetak. Ingat atau foto nomor {n} ini, lalu sampaikan kepada petugas loket. Nomor Anda tetap berlaku.</source>
        <translation>Sorry, the ticket could not be printed. Remember or photograph number {n}, then tell the counter staff. Your number is still valid.</translation>
    </message>
    <message>
        <source>Tiket sedang dicetak…</source>
        <translation>Your ticket is printing…</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Layanan</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Tidak hadir</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Tunggu*</source>
        <translation>Wait*</translation>
    </message>
    <message>
        <source>Layanan*</source>
        <translation>Service*</translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation>Operators</translation>
    </message>
    <message>
        <source>Dilayani</source>
        <translation>Served</translation>
    </message>
    <message>
        <source>* median, dalam menit</source>
        <translation>* median, in minutes</translation>
    </message>
    <message>
        <source>Laporan PDF</source>
        <translation>PDF reports</translation>
    </message>
    <message>
        <source>Harian</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>SKM</source>
        <translation>SKM</translation>
    </message>
    <message>
        <source>Buat laporan harian</source>
        <translation>Make the daily report</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>s.d.</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Buat laporan SKM</source>
        <translation>Make the SKM report</translation>
    </message>
    <message>
        <source>Hari ini: {i} tiket · {w} menunggu · {d} selesai · {n} tidak hadir · tunggu median {mw} menit · layanan median {ms} menit</source>
        <translation>Today: {i} tickets · {w} waiting · {d} done · {n} no-shows · median wait {mw} min · median service {ms} min</translation>
    </message>
    <message>
        <source>IKM hari ini: {v} (mutu {m}) dari {n} responden</source>
        <translation>IKM today: {v} (grade {m}) from {n} respondents</translation>
    </message>
    <message>
        <source>Belum ada survei kepuasan hari ini.</source>
        <translation>No satisfaction survey today yet.</translation>
    </message>
    <message>
        <source>Membuat laporan…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <source>Laporan tersimpan: {p}</source>
        <translation>Report saved: {p}</translation>
    </message>
    <message>
        <source>Membuat laporan SKM…</source>
        <translation>Making the SKM report…</translation>
    </message>
    <message>
        <source>Laporan SKM tersimpan: {p}</source>
        <translation>SKM report saved: {p}</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Ke layanan lain:</source>
        <translation>To another service:</translation>
    </message>
    <message>
        <source>Ke loket lain (layanan sama):</source>
        <translation>To another counter (same service):</translation>
    </message>
    <message>
        <source>Loket {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>VoiceSettingsBox</name>
    <message>
        <source>Suara layar TV</source>
        <translation>TV display voice</translation>
    </message>
    <message>
        <source>Suara panggilan aktif</source>
        <translation>Spoken calls on</translation>
    </message>
    <message>
        <source>PC ini yang bersuara</source>
        <translation>This PC speaks</translation>
    </message>
    <message>
        <source>Bel sebelum panggilan</source>
        <translation>Chime before a call</translation>
    </message>
    <message>
        <source>Sebut nama layanan</source>
        <translation>Say the service name</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Kecepatan bicara</source>
        <translation>Speaking speed</translation>
    </message>
    <message>
        <source>Cara membaca nomor</source>
        <translation>How numbers are read</translation>
    </message>
    <message>
        <source>dua puluh lima (bilangan)</source>
        <translation>dua puluh lima (as a number)</translation>
    </message>
    <message>
        <source>nol dua lima (per angka)</source>
        <translation>nol dua lima (digit by digit)</translation>
    </message>
    <message>
        <source>Jam tenang (JJ:MM-JJ:MM)</source>
        <translation>Quiet hours (HH:MM-HH:MM)</translation>
    </message>
    <message>
        <source>Uji suara</source>
        <translation>Test the voice</translation>
    </message>
    <message>
        <source>Simpan pengaturan suara</source>
        <translation>Save voice settings</translation>
    </message>
    <message>
        <source>Pengaturan suara disimpan.</source>
        <translation>Voice settings saved.</translation>
    </message>
    <message>
        <source>Memutar contoh panggilan…</source>
        <translation>Playing a sample call…</translation>
    </message>
    <message>
        <source>Contoh diputar ({backend}).</source>
        <translation>Sample played ({backend}).</translation>
    </message>
</context>
</TS>
