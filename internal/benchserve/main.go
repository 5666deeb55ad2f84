// Command benchserve serves a directory over HTTPS with a throwaway
// self-signed certificate, so that runs of falcomitre --attack-data URL
// and falcomitre attack update can be measured without the internet (see
// BENCHMARKS.md). It writes the certificate where -cert says; point
// SSL_CERT_FILE at it for the falcomitre under test.
//
//	go run ./internal/benchserve -dir ../shared/attack -addr 127.0.0.1:8443 -cert /tmp/bench.pem
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"fmt"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"time"
)

func main() {
	dir := flag.String("dir", ".", "directory to serve")
	addr := flag.String("addr", "127.0.0.1:8443", "address to listen on")
	certOut := flag.String("cert", "benchserve.pem", "where to write the certificate, for SSL_CERT_FILE")
	flag.Parse()
	cert, err := selfSigned(*certOut)
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{
		Addr:      *addr,
		Handler:   http.FileServer(http.Dir(*dir)),
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}},
	}
	fmt.Printf("serving %s at https://%s/ (certificate in %s)\n", *dir, *addr, *certOut)
	log.Fatal(srv.ListenAndServeTLS("", ""))
}

// selfSigned makes a certificate for 127.0.0.1 and localhost and writes
// its PEM to path.
func selfSigned(path string) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "benchserve"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
